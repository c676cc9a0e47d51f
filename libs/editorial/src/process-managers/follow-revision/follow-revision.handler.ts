import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Anchor,
  type Article,
  claimDecider,
  correctionDecider,
  currentRevision,
  decideClaim,
  decideCorrection,
  parseStreamId,
} from '@marginalia/domain';
import { AggregateStore } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { type CommandContext } from '../../shared/command-context';
import { withDerivedEventIds } from '../../shared/system-context';
import { AnchorFollowing } from '../../shared/anchor-following';
import { FollowRevisionCommand } from './follow-revision.command';

/**
 * Moves one annotation to a revision of its article with the anchoring library, as the system.
 * The decision is taken on the stream's fresh state, so an annotation that was withdrawn, moved
 * by hand or already followed meanwhile is left alone.
 */
@CommandHandler(FollowRevisionCommand)
export class FollowRevisionHandler implements ICommandHandler<FollowRevisionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    private readonly following: AnchorFollowing,
  ) {}

  async execute({ input, context }: FollowRevisionCommand): Promise<void> {
    const stream = parseStreamId(input.annotationStream);
    if (stream?.category === 'claim')
      await this.followClaim(input.annotationStream, input.toRevision, context);
    if (stream?.category === 'correction') {
      await this.followCorrection(input.annotationStream, stream.id, input.toRevision, context);
    }
  }

  private async followClaim(streamId: string, to: number | 'current', context: CommandContext) {
    const decider = claimDecider();
    const { state } = await this.aggregates.load(decider, streamId);
    if (!state || state.withdrawn) return;
    const { article } = await this.articles.get(state.articleId);
    const toRevision = revisionOf(article, to);
    if (state.followsRevision >= toRevision) return;
    // Worked out off the event loop before the decision; the decision is taken on fresh state,
    // and an anchor moved meanwhile is followed again.
    const outcome = await this.following.follow(article, state.anchor, toRevision);
    await this.aggregates.execute(
      decider,
      streamId,
      (claim) => {
        if (!claim || claim.followsRevision >= toRevision) return [];
        if (!sameAnchor(claim.anchor, state.anchor)) {
          throw new AnchorMovedMeanwhile(streamId);
        }
        return decideClaim(
          {
            type: 'ReanchorAnnotation',
            annotationId: claim.claimId,
            outcome,
            actor: context.actor,
          },
          claim,
        );
      },
      withDerivedEventIds(context, `follow:${streamId}:${toRevision}`),
    );
  }

  private async followCorrection(
    streamId: string,
    correctionId: string,
    to: number | 'current',
    context: CommandContext,
  ) {
    const { state } = await this.aggregates.load(correctionDecider, streamId);
    if (!state?.anchor) return;
    const { article } = await this.articles.get(state.articleId);
    // Its own revision replaced its span: its publication, not the diff, says where it is now.
    const applied = article.revisions.some((r) => r.correctionId === correctionId);
    if (applied && state.status !== 'published') return;
    const toRevision = revisionOf(article, to);
    if (state.followsRevision >= toRevision) return;
    const outcome = await this.following.follow(article, state.anchor, toRevision);
    await this.aggregates.execute(
      correctionDecider,
      streamId,
      (correction) => {
        if (!correction?.anchor || correction.followsRevision >= toRevision) return [];
        if (!sameAnchor(correction.anchor, state.anchor!)) {
          throw new AnchorMovedMeanwhile(streamId);
        }
        return decideCorrection(
          {
            type: 'ReanchorAnnotation',
            annotationId: correctionId,
            outcome,
            actor: context.actor,
          },
          correction,
        );
      },
      withDerivedEventIds(context, `follow:${streamId}:${toRevision}`),
    );
  }
}

/** Thrown to follow again: the anchor was moved while its outcome was being worked out. */
class AnchorMovedMeanwhile extends Error {
  constructor(streamId: string) {
    super(`The anchor of ${streamId} moved while it was being followed; following it again`);
    this.name = 'AnchorMovedMeanwhile';
  }
}

function sameAnchor(one: Anchor, other: Anchor): boolean {
  return (
    one.revision === other.revision &&
    one.start === other.start &&
    one.end === other.end &&
    one.state === other.state &&
    one.exact === other.exact
  );
}

function revisionOf(article: Article, to: number | 'current'): number {
  return to === 'current' ? currentRevision(article).revision : to;
}
