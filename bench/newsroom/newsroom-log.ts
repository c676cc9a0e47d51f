import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@marginalia/event-store';
import { catchUp, ReadModelDatabase } from '@marginalia/read-models';
import { stopwatch } from '../stats';
import { type Editorial, startEditorialOn } from '../support/editorial';
import { type Newsroom } from './newsroom';

export const EVENTS_FILE = 'events.db';
export const READ_MODELS_FILE = 'read-models.db';
export const PROCESS_STATE_FILE = 'process-managers.db';

export interface Snapshot {
  dir: string;
  events: number;
  eventsFileBytes: number;
  readModelsFileBytes: number;
}

/**
 * The newsroom's log being written by the application core (the editorial library's command
 * bus and process managers) on a log whose clock is the newsroom's, so each append is recorded
 * at the time of its command. It is built in a scratch folder (in memory when the machine has a
 * tmpfs, where a commit costs no fsync) and copied to the folders the scenarios measure on, which
 * are on disk. The process managers' own state file is copied with it: a server started on a
 * snapshot finds them caught up, as after running all along.
 */
export class NewsroomLog {
  private editorial: Editorial | undefined;
  private readModels: ReadModelDatabase;
  private readonly steps: AsyncIterator<void>;
  /** Milliseconds spent appending and projecting, for the report. */
  readonly timings = { appendMs: 0, projectMs: 0, copyMs: 0 };

  constructor(
    readonly dir: string,
    readonly newsroom: Newsroom,
  ) {
    mkdirSync(dir, { recursive: true });
    this.steps = newsroom.steps(() => this.editorial!);
    this.readModels = new ReadModelDatabase(join(dir, READ_MODELS_FILE));
  }

  get events(): number {
    return this.newsroom.catalog.events;
  }

  /** Sends the newsroom's commands until the log holds at least `events` and `until` is true. */
  async growTo(events: number, until: () => boolean = () => true): Promise<void> {
    const elapsed = stopwatch();
    const editorial = (this.editorial ??= await this.open());
    while (this.events < events || !until()) {
      const next = await this.steps.next();
      if (next.done) throw new Error('The newsroom ran out of work');
    }
    const head = await editorial.store.headPosition();
    if (head !== this.events) throw new Error(`The log holds ${head} events, not ${this.events}`);
    this.timings.appendMs += elapsed();
  }

  /** Brings the read models up to the log's head, as the projector would. */
  async project(): Promise<void> {
    const elapsed = stopwatch();
    this.editorial ??= await this.open();
    await catchUp(this.editorial.store, this.readModels);
    this.timings.projectMs += elapsed();
  }

  /** Copies the log, its read models and the process managers' state, closed, to `dir`. */
  async snapshotTo(dir: string): Promise<Snapshot> {
    await this.project();
    const elapsed = stopwatch();
    await this.shut();
    this.readModels.close();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of [EVENTS_FILE, READ_MODELS_FILE, PROCESS_STATE_FILE]) {
      for (const suffix of ['', '-wal']) {
        const from = join(this.dir, name + suffix);
        if (existsSync(from)) copyFileSync(from, join(dir, name + suffix));
      }
    }
    this.readModels = new ReadModelDatabase(join(this.dir, READ_MODELS_FILE));
    this.timings.copyMs += elapsed();
    return {
      dir,
      events: this.events,
      eventsFileBytes: statSync(join(dir, EVENTS_FILE)).size,
      readModelsFileBytes: statSync(join(dir, READ_MODELS_FILE)).size,
    };
  }

  async close(): Promise<void> {
    await this.shut();
    this.readModels.close();
  }

  /** The application on the build folder's files, with the newsroom's clock and ids. */
  private open(): Promise<Editorial> {
    const { clock } = this.newsroom;
    const store = new SqliteEventStore({
      file: join(this.dir, EVENTS_FILE),
      // Read once per append committed: the time of the command that made it.
      clock: () => clock.recorded(),
      crossProcessWakeups: false,
      groupCommit: true,
    });
    return startEditorialOn({
      dataDir: this.dir,
      store,
      clock,
      ids: clock,
      processStateFile: join(this.dir, PROCESS_STATE_FILE),
    });
  }

  /**
   * Closes the application once the process managers have handled the whole log (they commit
   * their state and checkpoint as they stop, so a snapshot leaves them nothing to do), then the
   * log, which the application does not own here.
   */
  private async shut(): Promise<void> {
    const editorial = this.editorial;
    this.editorial = undefined;
    if (!editorial) return;
    const head = await editorial.store.headPosition();
    if (!(await editorial.processManagers.waitFor(head, 10 * 60_000))) {
      throw new Error('The process managers did not catch up with the newsroom');
    }
    await editorial.close();
    await editorial.store.close();
  }
}
