import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Article,
  authorize,
  claimDecider,
  type Correction,
  correctionDecider,
  decideCorrection,
  findRevision,
  refuse,
  streams,
} from '@marginalia/domain';
import { ID_GENERATOR, type IdGenerator } from '@marginalia/platform';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles, type Placement } from '../../shared/articles';
import { newAggregateId } from '../../shared/command-context';
import { checkReplacementText, normalizeReplacement } from '../../shared/replacement-text';
import {
  ProposeCorrectionCommand,
  type ProposeCorrectionInput,
} from './propose-correction.command';

/** An editor proposes a correction of a span (or an editor's note) with its public notice. */
@CommandHandler(ProposeCorrectionCommand)
export class ProposeCorrectionHandler implements ICommandHandler<ProposeCorrectionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({
    input: request,
    context,
  }: ProposeCorrectionCommand): Promise<CommandResult<Correction | null>> {
    authorize(context.actor, 'correction.propose');
    const correctionId = newAggregateId(context, this.ids, 'correction');
    const streamId = streams.correction(correctionId);
    // A retried request finds its correction before its span is resolved in a changed article.
    const earlier = await this.aggregates.outcomeOfRetry(correctionDecider, streamId, context);
    if (earlier) return earlier;
    const input = { ...request, replacement: normalizeReplacement(request.replacement) };
    checkReplacementText(input.replacement);
    const { article } = await this.articles.get(input.articleId);
    const placement = await this.placement(article, input);
    if (input.claimId !== null) await this.checkClaim(input.claimId, article.articleId);
    return this.aggregates.execute(
      correctionDecider,
      streamId,
      (state) =>
        decideCorrection(
          {
            type: 'ProposeCorrection',
            correctionId,
            articleId: article.articleId,
            anchor: placement?.anchor ?? null,
            kind: input.kind,
            replacement: input.replacement,
            notice: input.notice,
            claimId: input.claimId,
            followedTo: placement?.followedTo ?? null,
            actor: context.actor,
          },
          state,
        ),
      context,
    );
  }

  private async placement(
    article: Article,
    input: ProposeCorrectionInput,
  ): Promise<Placement | undefined> {
    if (input.selector) return this.articles.place(article, input.selector, input.revision);
    if (input.revision !== undefined && !findRevision(article, input.revision)) {
      refuse(
        'revision_not_found',
        `Article ${article.articleId} has no revision ${input.revision}`,
      );
    }
    return undefined;
  }

  private async checkClaim(claimId: string, articleId: string): Promise<void> {
    const { state: claim } = await this.aggregates.load(claimDecider(), streams.claim(claimId));
    if (claim?.articleId !== articleId) {
      refuse('validation_failed', `No claim ${claimId} on this article`, { field: 'claimId' });
    }
  }
}
