import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  claimDecider,
  type Correction,
  correctionDecider,
  decideCorrection,
  optionalAnchorSelection,
  replacementText,
  streams,
} from '@marginalia/domain';
import { ID_GENERATOR, type IdGenerator } from '@marginalia/platform';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { newAggregateId } from '../../shared/command-context';
import { ProposeCorrectionCommand } from './propose-correction.command';

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
    const correctionId = newAggregateId(context, this.ids, 'correction');
    const streamId = streams.correction(correctionId);
    // A retried request finds its correction before its span is resolved in a changed article.
    const earlier = await this.aggregates.outcomeOfRetry(correctionDecider, streamId, context);
    if (earlier) return earlier;
    const input = { ...request, replacement: replacementText(request.replacement) };
    const { article } = await this.articles.get(input.articleId);
    const selected = optionalAnchorSelection(article, input);
    const followedTo = selected && (await this.articles.followToCurrent(article, selected));
    const claimArticleId = await this.articleOfClaim(input.claimId);
    return this.aggregates.execute(
      correctionDecider,
      streamId,
      (state) =>
        decideCorrection(
          {
            type: 'ProposeCorrection',
            correctionId,
            articleId: article.articleId,
            anchor: selected?.anchor ?? null,
            kind: input.kind,
            replacement: input.replacement,
            notice: input.notice,
            claimId: input.claimId,
            claimArticleId,
            followedTo,
            actor: context.actor,
          },
          state,
        ),
      context,
    );
  }

  private async articleOfClaim(claimId: string | null): Promise<string | null> {
    if (claimId === null) return null;
    const { state: claim } = await this.aggregates.load(claimDecider(), streams.claim(claimId));
    return claim?.articleId ?? null;
  }
}
