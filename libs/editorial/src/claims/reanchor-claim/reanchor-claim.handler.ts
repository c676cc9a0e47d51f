import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  anchorByHand,
  anchorSelection,
  type Claim,
  claimDecider,
  decideClaim,
  type RatingScale,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { RATING_SCALE } from '../claim-decision-handler';
import { ReanchorClaimCommand } from './reanchor-claim.command';

/** An editor or fact-checker puts a claim back on its passage by hand (method `manual`). */
@CommandHandler(ReanchorClaimCommand)
export class ReanchorClaimHandler implements ICommandHandler<ReanchorClaimCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    @Inject(RATING_SCALE) private readonly scale: RatingScale,
  ) {}

  async execute({ input, context }: ReanchorClaimCommand): Promise<CommandResult<Claim | null>> {
    const { state: claim } = await this.aggregates.load(
      claimDecider(this.scale),
      streams.claim(input.claimId),
    );
    if (!claim) refuse('not_found', `No claim ${input.claimId}`);
    const { article } = await this.articles.get(claim.articleId);
    const selected = anchorSelection(article, input);
    const anchor = anchorByHand(selected, await this.articles.followToCurrent(article, selected));
    return this.aggregates.execute(
      claimDecider(this.scale),
      streams.claim(input.claimId),
      (state) =>
        decideClaim(
          { type: 'ReanchorClaim', claimId: input.claimId, anchor, actor: context.actor },
          state,
          this.scale,
        ),
      context,
    );
  }
}
