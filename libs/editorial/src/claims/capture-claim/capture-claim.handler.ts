import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  anchorSelection,
  type Claim,
  claimDecider,
  decideClaim,
  type RatingScale,
  streams,
} from '@marginalia/domain';
import { ID_GENERATOR, type IdGenerator } from '@marginalia/platform';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { newAggregateId } from '../../shared/command-context';
import { RATING_SCALE } from '../claim-decision-handler';
import { CaptureClaimCommand } from './capture-claim.command';

/**
 * An editor or fact-checker captures a claim on a span of an article. The selector is resolved
 * in the revision it names; a claim captured on an older revision follows its passage to the
 * current one in the same append.
 */
@CommandHandler(CaptureClaimCommand)
export class CaptureClaimHandler implements ICommandHandler<CaptureClaimCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(RATING_SCALE) private readonly scale: RatingScale,
  ) {}

  async execute({ input, context }: CaptureClaimCommand): Promise<CommandResult<Claim | null>> {
    const claimId = newAggregateId(context, this.ids, 'claim');
    const decider = claimDecider(this.scale);
    const streamId = streams.claim(claimId);
    // A retried request finds its claim before the selector is resolved in a changed article.
    const earlier = await this.aggregates.outcomeOfRetry(decider, streamId, context);
    if (earlier) return earlier;
    const { article } = await this.articles.get(input.articleId);
    const selected = anchorSelection(article, input);
    const followedTo = await this.articles.followToCurrent(article, selected);
    return this.aggregates.execute(
      decider,
      streamId,
      (state) =>
        decideClaim(
          {
            type: 'CaptureClaim',
            claimId,
            articleId: article.articleId,
            anchor: selected.anchor,
            statement: input.statement,
            claimant: input.claimant,
            topics: input.topics,
            followedTo,
            actor: context.actor,
          },
          state,
          this.scale,
        ),
      context,
    );
  }
}
