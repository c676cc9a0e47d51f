import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { catchUp } from './catch-up';
import { Projector, READ_MODEL_DATABASE } from './projector';
import { ReadModelDatabase } from './read-model-database';

export interface RebuildResult {
  events: number;
  position: number;
  durationMs: number;
}

/**
 * Recreates every read model from the log: into a new file while the live one keeps serving,
 * then, with the projector paused at a checkpoint, the few events that arrived meanwhile, and
 * the new file takes the old one's place.
 */
@Injectable()
export class Rebuilder {
  private readonly logger = new Logger('Rebuild');
  private running: Promise<RebuildResult> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    private readonly projector: Projector,
  ) {}

  /** One rebuild at a time; a second request joins the one in progress. */
  rebuild(): Promise<RebuildResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<RebuildResult> {
    const started = Date.now();
    const target = this.database.file;
    const temporary = `${target}.rebuild`;
    removeDatabase(temporary);
    const fresh = new ReadModelDatabase(temporary);
    let paused = false;
    try {
      let { events } = await catchUp(this.store, fresh);
      await this.projector.stop();
      paused = true;
      const rest = await catchUp(this.store, fresh);
      events += rest.events;
      fresh.close();
      this.database.close();
      if (existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0) {
        throw new Error('Another process still has the read models open; nothing was replaced');
      }
      removeDatabase(target);
      renameSync(temporary, target);
      this.database.reopen();
      const result = { events, position: rest.position, durationMs: Date.now() - started };
      this.logger.log(`Rebuilt the read models from ${events} events in ${result.durationMs} ms`);
      return result;
    } catch (error) {
      fresh.close();
      removeDatabase(temporary);
      this.database.reopen();
      throw error;
    } finally {
      if (paused) this.projector.start();
    }
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
