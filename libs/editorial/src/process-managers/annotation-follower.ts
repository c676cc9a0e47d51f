import { type CommandBus } from '@nestjs/cqrs';
import { type DomainEvent, type DomainEventType, streams } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import { causedBy } from '../shared/system-context';
import { FollowRevisionCommand } from './follow-revision/follow-revision.command';
import { type ProcessManager } from './log-follower';
import { type ProcessState } from './process-state';

/**
 * Keeps every open annotation on its article's newest revision: when a revision lands, each
 * claim and correction of the article follows it; one captured on a revision already outdated
 * when it was stored follows to the current one. It remembers, in the process state, which
 * annotations belong to which article and the newest revision it has read of each.
 */
export class AnnotationFollower implements ProcessManager {
  readonly name = 'AnnotationFollower';
  readonly reactsTo: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
    'ArticleImported',
    'ArticleRevised',
    'ClaimCaptured',
    'CorrectionProposed',
  ]);

  constructor(
    private readonly state: ProcessState,
    private readonly commands: CommandBus,
  ) {}

  async react(event: DomainEvent, stored: StoredEvent): Promise<void> {
    switch (event.type) {
      case 'ArticleImported':
        this.state.recordRevision(event.data.articleId, 1);
        return;
      case 'ArticleRevised': {
        const { articleId, revision, cause } = event.data;
        this.state.recordRevision(articleId, revision);
        // The correction that made this revision gets its new anchor from its own publication.
        const made = cause.kind === 'correction' ? streams.correction(cause.correctionId) : null;
        for (const annotation of this.state.annotationsOf(articleId)) {
          if (annotation !== made) await this.follow(stored, annotation, revision);
        }
        return;
      }
      case 'ClaimCaptured':
      case 'CorrectionProposed': {
        const { articleId, anchor } = event.data;
        this.state.recordAnnotation(articleId, stored.streamId);
        // Captured on a revision that was already outdated when this event was stored.
        if (anchor && anchor.revision < this.state.revisionOf(articleId)) {
          await this.follow(stored, stored.streamId, 'current');
        }
        return;
      }
      default:
        return;
    }
  }

  private follow(cause: StoredEvent, annotationStream: string, toRevision: number | 'current') {
    return this.commands.execute(
      new FollowRevisionCommand({ annotationStream, toRevision }, causedBy(cause)),
    );
  }
}
