import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, type DomainEventType, streams, toDomainEvent } from '@marginalia/domain';
import {
  EVENT_STORE,
  type EventStore,
  EventStoreUnavailableError,
  LogProgress,
  type StoredEvent,
} from '@marginalia/event-store';
import { causedBy } from '../shared/system-context';
import { FollowRevisionCommand, PublishApprovedCorrectionCommand } from './follow-revision.command';
import { ProcessState } from './process-state';

export const PROCESS_STATE = Symbol('ProcessState');
const CHECKPOINT = 'editorial-process-managers';
const MAX_ATTEMPTS = 5;
const RELEVANT: ReadonlySet<string> = new Set<DomainEventType>([
  'ArticleImported',
  'ArticleRevised',
  'ClaimCaptured',
  'CorrectionProposed',
  'CorrectionApproved',
]);

/**
 * The follow-on work of the newsroom, fed from the stored log from a checkpoint (never from the
 * in-memory EventBus): an approved correction is published, and a new revision moves every
 * open annotation of its article. Events are handled one at a time, in log order; the
 * checkpoint advances after each, committed once per turn of the event loop. Everything it
 * does is safe to do twice.
 */
@Injectable()
export class ProcessManagers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProcessManagers');
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private readonly progress = new LogProgress();
  private failures = 0;
  /** The last event handled, committed or not; see `commit`. */
  private handled = 0;
  private committing: NodeJS.Immediate | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROCESS_STATE) private readonly state: ProcessState,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    this.handled = this.state.checkpoint(CHECKPOINT);
    this.progress.moveTo(this.handled);
    this.running = this.run().catch((error: unknown) => {
      if (!this.stopping.signal.aborted) this.logger.error(`Stopped: ${String(error)}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.commit();
    this.state.close();
  }

  /** The position of the last event handled, and how many events could not be handled. */
  status(): { position: number; failures: number } {
    return { position: this.progress.position, failures: this.failures };
  }

  /** Resolves true once every event up to `position` is handled, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    const after = this.progress.position;
    for await (const message of this.store.subscribeToAll({ after, signal })) {
      if (message.kind !== 'event') continue;
      await this.handleWithRetries(message.event);
      if (signal.aborted) return;
      this.state.saveCheckpoint(CHECKPOINT, message.event.position);
      this.handled = message.event.position;
      this.committing ??= setImmediate(() => this.commit());
    }
  }

  /**
   * Commits the state and checkpoint of the events handled since the last commit, once per
   * turn of the event loop (a whole page of the log when replaying it), and only then reports
   * them handled: `waitFor` and read-your-writes see what the state file holds.
   */
  private commit(): void {
    if (this.committing) clearImmediate(this.committing);
    this.committing = undefined;
    this.state.commit();
    this.progress.moveTo(this.handled);
  }

  private async handleWithRetries(event: StoredEvent): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await this.handle(event);
        return;
      } catch (error) {
        if (error instanceof DomainError) {
          // A refusal is a decision: the work no longer applies (withdrawn, already done…).
          this.logger.warn(`${event.type} at ${event.position}: ${error.code}: ${error.message}`);
          return;
        }
        const transient = error instanceof EventStoreUnavailableError;
        if (!transient && attempt >= MAX_ATTEMPTS) {
          this.failures += 1;
          this.logger.error(`${event.type} at ${event.position} skipped: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }

  private async handle(stored: StoredEvent): Promise<void> {
    if (!RELEVANT.has(stored.type)) return;
    const event = toDomainEvent(stored.type, stored.schemaVersion, stored.data);
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
      case 'CorrectionApproved':
        await this.commands.execute(
          new PublishApprovedCorrectionCommand(
            { correctionId: event.data.correctionId },
            causedBy(stored),
          ),
        );
        return;
      default:
        return;
    }
  }

  private follow(event: StoredEvent, annotationStream: string, toRevision: number | 'current') {
    return this.commands.execute(
      new FollowRevisionCommand({ annotationStream, toRevision }, causedBy(event)),
    );
  }
}
