import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type AppendResult, type JsonObject, SqliteEventStore } from '@marginalia/event-store';
import { catchUp, ReadModelDatabase } from '@marginalia/read-models';
import { ProcessState } from '../../libs/editorial/src/process-managers/process-state';
import { stopwatch } from '../stats';
import { type Newsroom, type PlannedAppend } from './newsroom';

export const EVENTS_FILE = 'events.db';
export const READ_MODELS_FILE = 'read-models.db';
export const PROCESS_STATE_FILE = 'process-managers.db';
/** ProcessManagers' checkpoint name (libs/editorial/src/process-managers/process-managers.ts). */
export const PROCESS_MANAGERS_CHECKPOINT = 'editorial-process-managers';

export interface Snapshot {
  dir: string;
  events: number;
  eventsFileBytes: number;
  readModelsFileBytes: number;
}

/**
 * The newsroom's log being written: through SqliteEventStore.append, one append per command as
 * the handlers make them, with the store's clock on the newsroom's time. It is built in a
 * scratch folder (in memory when the machine has a tmpfs, where a commit costs no fsync) and
 * copied to the folders the scenarios measure on, which are on disk.
 */
export class NewsroomLog {
  private store: SqliteEventStore;
  private readModels: ReadModelDatabase;
  private processState: ProcessState;
  private readonly steps: Iterator<PlannedAppend[]>;
  private clock = 0;
  private readonly times: number[] = [];
  private head = 0;
  /** Milliseconds spent appending and projecting, for the report. */
  readonly timings = { appendMs: 0, projectMs: 0, copyMs: 0 };

  constructor(
    readonly dir: string,
    readonly newsroom: Newsroom,
  ) {
    mkdirSync(dir, { recursive: true });
    this.steps = newsroom.steps();
    this.store = this.openStore();
    this.readModels = new ReadModelDatabase(join(dir, READ_MODELS_FILE));
    this.processState = new ProcessState(join(dir, PROCESS_STATE_FILE));
  }

  get events(): number {
    return this.head;
  }

  /**
   * Appends until the log holds at least `events` events and `until` (if given) is true. The
   * appends are made as many callers would make them, up to 256 before awaiting any: the store
   * commits those in one transaction, each in its own savepoint, in the order they were made.
   */
  async growTo(events: number, until: () => boolean = () => true): Promise<void> {
    const elapsed = stopwatch();
    let planned = this.head;
    const inFlight: Array<Promise<AppendResult>> = [];
    const settle = async () => {
      const results = await Promise.all(inFlight.splice(0));
      this.head = results[results.length - 1]?.position ?? this.head;
      if (this.head !== planned)
        throw new Error(`The log holds ${this.head} events, not ${planned}`);
    };
    while (planned < events || !until()) {
      const next = this.steps.next();
      if (next.done) throw new Error('The newsroom ran out of work');
      for (const { streamId, events: batch, expectedRevision, at } of next.value) {
        this.times.push(at);
        inFlight.push(this.store.append(streamId, batch, { expectedRevision }));
        planned += batch.length;
        for (const event of batch) this.remember(streamId, event.type, event.data);
      }
      if (inFlight.length >= 256) await settle();
    }
    await settle();
    this.timings.appendMs += elapsed();
  }

  /**
   * What the process managers remember of an event (ProcessManagers.handle): the articles'
   * revisions and annotation streams. A server started on a snapshot then finds them caught up,
   * as after running all along, instead of replaying a million events at start; the medium
   * newsroom checks this bookkeeping against the real process managers (command-bus scenario).
   */
  private remember(streamId: string, type: string, data: JsonObject): void {
    const articleId = data.articleId as string;
    if (type === 'ArticleImported') this.processState.recordRevision(articleId, 1);
    if (type === 'ArticleRevised')
      this.processState.recordRevision(articleId, Number(data.revision));
    if (type === 'ClaimCaptured' || type === 'CorrectionProposed') {
      this.processState.recordAnnotation(articleId, streamId);
    }
  }

  /** Brings the read models up to the log's head, as the projector would. */
  async project(): Promise<void> {
    const elapsed = stopwatch();
    await catchUp(this.store, this.readModels);
    this.timings.projectMs += elapsed();
  }

  /** Copies the log and its read models, closed and checkpointed, to `dir`. */
  async snapshotTo(dir: string): Promise<Snapshot> {
    await this.project();
    const elapsed = stopwatch();
    this.processState.saveCheckpoint(PROCESS_MANAGERS_CHECKPOINT, this.head);
    await this.store.close();
    this.readModels.close();
    this.processState.close();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of [EVENTS_FILE, READ_MODELS_FILE, PROCESS_STATE_FILE]) {
      for (const suffix of ['', '-wal']) {
        const from = join(this.dir, name + suffix);
        if (existsSync(from)) copyFileSync(from, join(dir, name + suffix));
      }
    }
    this.store = this.openStore();
    this.readModels = new ReadModelDatabase(join(this.dir, READ_MODELS_FILE));
    this.processState = new ProcessState(join(this.dir, PROCESS_STATE_FILE));
    this.timings.copyMs += elapsed();
    return {
      dir,
      events: this.head,
      eventsFileBytes: statSync(join(dir, EVENTS_FILE)).size,
      readModelsFileBytes: statSync(join(dir, READ_MODELS_FILE)).size,
    };
  }

  async close(): Promise<void> {
    await this.store.close();
    this.readModels.close();
    this.processState.close();
  }

  /**
   * The store reads its clock once per append it commits, in the order they were made: each
   * append is recorded at the newsroom's time of its command.
   */
  private openStore(): SqliteEventStore {
    return new SqliteEventStore({
      file: join(this.dir, EVENTS_FILE),
      clock: () => {
        this.clock = this.times.shift() ?? this.clock;
        return new Date(this.clock);
      },
      crossProcessWakeups: false,
      groupCommit: true,
    });
  }
}
