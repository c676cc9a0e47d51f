import { Logger } from '@nestjs/common';
import {
  type DomainEvent,
  DomainError,
  type DomainEventType,
  toDomainEvent,
} from '@marginalia/domain';
import {
  type EventStore,
  EventStoreUnavailableError,
  ConsumerPosition,
  type StoredEvent,
} from '@marginalia/event-store';
import { type ProcessState } from './process-state';

/** Follow-on work the newsroom does when an event it reacts to is read from the stored log. */
export interface ProcessManager {
  /** Said in the log lines about its work. */
  readonly name: string;
  /** The event types it reacts to; the others are not decoded for it. */
  readonly reactsTo: ReadonlySet<DomainEventType>;
  /** Must be safe to run twice on the same event: a crash replays from the last commit. */
  react(event: DomainEvent, stored: StoredEvent): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * Feeds process managers from the stored log from a checkpoint (never from the in-memory
 * EventBus), one event at a time in log order, retrying what fails. The checkpoint advances
 * after each event and is committed with the process managers' state once per turn of the
 * event loop; `waitFor` reports only what is committed.
 */
export class LogFollower {
  private readonly logger = new Logger('ProcessManagers');
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private readonly progress = new ConsumerPosition();
  private failures = 0;
  /** The last event handled, committed or not; see `commit`. */
  private handled = 0;
  private committing: NodeJS.Immediate | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly state: ProcessState,
    private readonly checkpoint: string,
    private readonly managers: readonly ProcessManager[],
  ) {}

  start(): void {
    this.handled = this.state.checkpoint(this.checkpoint);
    this.progress.moveTo(this.handled);
    this.running = this.run().catch((error: unknown) => {
      if (!this.stopping.signal.aborted) this.logger.error(`Stopped: ${String(error)}`);
    });
  }

  /** Stops after the event in hand, commits what was handled and closes the state file. */
  async stop(): Promise<void> {
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
      await this.dispatch(message.event);
      if (signal.aborted) return;
      this.state.saveCheckpoint(this.checkpoint, message.event.position);
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

  private async dispatch(stored: StoredEvent): Promise<void> {
    const reacting = this.managers.filter((manager) =>
      (manager.reactsTo as ReadonlySet<string>).has(stored.type),
    );
    if (reacting.length === 0) return;
    const event = toDomainEvent(stored.type, stored.schemaVersion, stored.data);
    for (const manager of reacting) await this.reactWithRetries(manager, event, stored);
  }

  private async reactWithRetries(
    manager: ProcessManager,
    event: DomainEvent,
    stored: StoredEvent,
  ): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await manager.react(event, stored);
        return;
      } catch (error) {
        const about = `${manager.name}: ${stored.type} at ${stored.position}`;
        if (error instanceof DomainError) {
          // A refusal is a decision: the work no longer applies (withdrawn, already done…).
          this.logger.warn(`${about}: ${error.code}: ${error.message}`);
          return;
        }
        const transient = error instanceof EventStoreUnavailableError;
        if (!transient && attempt >= MAX_ATTEMPTS) {
          this.failures += 1;
          this.logger.error(`${about} skipped: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }
}
