import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Anchor,
  type Article,
  claimDecider,
  type ClaimState,
  correctionDecider,
  type CorrectionState,
  currentRevision,
  type Decider,
  type DomainEvent,
  parseStreamId,
  type ReanchorAnnotation,
} from '@marginalia/domain';
import { AggregateStore } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { type CommandContext } from '../../shared/command-context';
import { withDerivedEventIds } from '../../shared/system-context';
import { AnchorFollowing } from '../../shared/anchor-following';
import { FollowRevisionCommand } from './follow-revision.command';

/** Where an annotation stands, as far as following it is concerned. */
interface Followable {
  annotationId: string;
  articleId: string;
  anchor: Anchor;
  followsRevision: number;
}

/** What following needs to know of one kind of annotation. */
interface AnnotationKind<State> {
  decider: Decider<ReanchorAnnotation, DomainEvent, State>;
  /** Null when the annotation is not followed (gone, withdrawn, or with no span). */
  followable(state: State): Followable | null;
  /** True when the article says where the annotation is, not the diff. */
  placedByArticle?(state: State, article: Article): boolean;
}

const CLAIMS: AnnotationKind<ClaimState> = {
  decider: claimDecider(),
  followable: (claim) =>
    claim && !claim.withdrawn ? { annotationId: claim.claimId, ...claim } : null,
};

const CORRECTIONS: AnnotationKind<CorrectionState> = {
  decider: correctionDecider,
  followable: (correction) =>
    correction?.anchor
      ? { annotationId: correction.correctionId, ...correction, anchor: correction.anchor }
      : null,
  // Its own revision replaced its span: its publication, not the diff, says where it is now.
  placedByArticle: (correction, article) =>
    correction?.status !== 'published' &&
    article.revisions.some((r) => r.correctionId === correction?.correctionId),
};

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
    switch (parseStreamId(input.annotationStream)?.category) {
      case 'claim':
        return this.follow(CLAIMS, input, context);
      case 'correction':
        return this.follow(CORRECTIONS, input, context);
      case 'article':
      case undefined:
        return; // not an annotation
    }
  }

  private async follow<State>(
    kind: AnnotationKind<State>,
    { annotationStream: streamId, toRevision: to }: FollowRevisionCommand['input'],
    context: CommandContext,
  ): Promise<void> {
    const { state } = await this.aggregates.load(kind.decider, streamId);
    const before = kind.followable(state);
    if (!before) return;
    const { article } = await this.articles.get(before.articleId);
    if (kind.placedByArticle?.(state, article)) return;
    const toRevision = to === 'current' ? currentRevision(article).revision : to;
    if (before.followsRevision >= toRevision) return;
    // Worked out off the event loop before the decision; the decision is taken on fresh state,
    // and an anchor moved meanwhile is followed again.
    const outcome = await this.following.follow(article, before.anchor, toRevision);
    await this.aggregates.execute(
      kind.decider,
      streamId,
      (fresh) => {
        const now = kind.followable(fresh);
        if (!now || now.followsRevision >= toRevision) return [];
        if (!sameAnchor(now.anchor, before.anchor)) throw new AnchorMovedMeanwhile(streamId);
        return kind.decider.decide(
          {
            type: 'ReanchorAnnotation',
            annotationId: now.annotationId,
            outcome,
            actor: context.actor,
          },
          fresh,
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
