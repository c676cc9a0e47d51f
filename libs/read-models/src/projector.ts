import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, inBatches, ConsumerPosition } from '@marginalia/event-store';
import { applyBatch } from './catch-up';
import { CheckpointMovedError, ReadModelDatabase } from './read-model-database';

export const READ_MODEL_DATABASE = Symbol('ReadModelDatabase');

/**
 * Keeps the read models up to date from the stored log: from the checkpoint, in batches, each
 * batch written with its checkpoint in one transaction. Commands wait on it for their own
 * events (read-your-writes).
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private stopping: AbortController | undefined;
  private running: Promise<void> | undefined;
  private readonly progress = new ConsumerPosition();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.database.close();
  }

  /** The position of the last event applied to the read models. */
  get checkpoint(): number {
    return this.progress.position;
  }

  start(): void {
    if (this.running) return;
    this.progress.moveTo(this.database.checkpoint());
    const stopping = (this.stopping = new AbortController());
    this.running = this.run(stopping.signal).catch((error: unknown) => {
      if (!stopping.signal.aborted) this.logger.error(`Stopped: ${String(error)}`);
    });
  }

  /** Stops after the batch in progress, at a checkpoint. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.running;
    this.running = undefined;
    this.progress.wake();
  }

  /** Resolves true once every event up to `position` is applied, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 2000): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  private async run(signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        // Ends when the subscription ends: stopped, or the store closed.
        return await this.follow(signal);
      } catch (error) {
        if (!(error instanceof CheckpointMovedError)) throw error;
        // Another writer (a rebuild in place, a second process) moved the read models on.
        this.logger.log(`${error.message}; following from there`);
        this.progress.moveTo(this.database.checkpoint());
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const after = this.progress.position;
    const messages = this.store.subscribeToAll({ after, signal, batchSize: 1000 });
    for await (const batch of inBatches(messages, 1000)) {
      applyBatch(this.database, batch, this.progress.position);
      this.progress.moveTo(batch[batch.length - 1]!.position);
      if (signal.aborted) return;
    }
  }
}
