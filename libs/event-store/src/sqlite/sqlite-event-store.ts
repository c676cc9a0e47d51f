import { appendResultOf } from '../append-result';
import type Database from 'better-sqlite3';
import { utimesSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { serializeAppend, type SerializedEvent } from '../append-preparation';
import { ChangeSignal } from '../change-signal';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../errors';
import { assertExpectedRevision, checkExpectedRevision } from '../expected-revision';
import type {
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StoredMetadata,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import { chainHashOfCanonical, GENESIS_HASH } from '../hash-chain';
import type { JsonObject } from '../json';
import { openSqlite } from './open-sqlite';
import { migrate, unreadableSchema } from './schema';

export interface SqliteEventStoreOptions {
  /** The event log file; its folder must exist. */
  file: string;
  /** The store's clock for `recordedAt`; injected so tests can control time. */
  clock?: () => Date;
  /** How long a writer waits for another process's write lock before giving up. */
  busyTimeoutMs?: number;
  /**
   * Wake subscribers on commits by other connections or processes (a CLI beside the server)
   * without polling: every commit touches the log file's times after it is visible, and every
   * store watches the folder for that. Default true.
   */
  crossProcessWakeups?: boolean;
  /**
   * Commit appends in groups: those that arrive while the event loop is busy (the requests of
   * one turn of it) share one write transaction and one fsync. Default false: each append
   * commits at once, before its call returns.
   */
  groupCommit?: boolean;
  /**
   * Open an existing log read-only, as the source of a copy: no switch to write-ahead-log mode,
   * no schema migration, appends refused, so the file stays byte for byte as it was. A log of
   * another schema version is refused. Default false.
   */
  readonly?: boolean;
}

/**
 * A stored row as better-sqlite3's raw mode returns it, in the order of COLUMNS: an array per
 * row instead of an object with ten named properties, which made reading a log of small events
 * 15 to 35 % slower (docs/benchmarks.md).
 */
type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: number,
  hash: string,
];

const COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash';

/** An append waiting for the next commit. */
interface PendingAppend {
  streamId: string;
  events: SerializedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

/**
 * The embedded event log: one SQLite file in write-ahead-log mode with synchronous=FULL, so an
 * append answers only after its commit is on disk. Positions come from an AUTOINCREMENT key
 * inside serialised write transactions, so readers never see a later position before an
 * earlier one.
 *
 * With `groupCommit`, appends that arrive while the event loop is busy (the requests of one turn
 * of it) share one write transaction and one fsync, each in a savepoint of its own, so each
 * still succeeds or fails alone, and all answer once the commit is on disk.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly changes = new ChangeSignal();
  private readonly watcher: FSWatcher | undefined;
  private closed = false;
  private readonly crossProcess: boolean;
  private readonly counters = { appends: 0, commits: 0, logReads: 0, wakeUps: 0 };

  private readonly statements: {
    streamHead: Database.Statement<[string], { revision: number; hash: string }>;
    byEventId: Database.Statement<[string], { stream_id: string; revision: number }>;
    lastRecordedAt: Database.Statement<[], { recorded_at: number }>;
    insert: Database.Statement<
      [string, number, string, string, number, string, string, number, string]
    >;
    streamForwards: Database.Statement<[string, number, number], EventRow>;
    streamBackwards: Database.Statement<[string, number, number], EventRow>;
    all: Database.Statement<[number, number], EventRow>;
    head: Database.Statement<[], { position: number | null }>;
  };

  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: SerializedEvent[], expected: ExpectedRevision) => AppendResult
  >;

  private readonly groupTransaction: Database.Transaction<
    (group: PendingAppend[]) => Array<AppendResult | Error>
  >;

  private pending: PendingAppend[] = [];
  private commitScheduled: NodeJS.Immediate | undefined;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    try {
      const busyTimeoutMs = options.busyTimeoutMs;
      if (options.readonly) {
        this.db = openSqlite(options.file, 'readOnly', { busyTimeoutMs });
        const unreadable = unreadableSchema(this.db);
        if (unreadable) {
          this.db.close();
          throw new Error(unreadable);
        }
      } else {
        this.db = openSqlite(options.file, 'durable', { busyTimeoutMs });
        migrate(this.db);
      }
    } catch (error) {
      throw new EventStoreUnavailableError(`Cannot open the event log at ${options.file}`, {
        cause: error,
      });
    }
    this.statements = {
      streamHead: this.db.prepare(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: this.db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?'),
      lastRecordedAt: this.db.prepare(
        'SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      streamForwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      streamBackwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      all: this.db
        .prepare<[number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(true),
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
    };
    this.appendTransaction = this.db.transaction(
      (streamId: string, events: SerializedEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    );
    // Inside the group's transaction each append is a nested transaction, that is a savepoint:
    // a refused append is rolled back alone, with the positions it took.
    this.groupTransaction = this.db.transaction((group: PendingAppend[]) =>
      group.map((append) =>
        refusedOr(() => this.appendTransaction(append.streamId, append.events, append.expected)),
      ),
    );
    this.crossProcess = options.crossProcessWakeups !== false;
    this.watcher = this.crossProcess ? this.watchCommits() : undefined;
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed || this.options.readonly) {
      const why = this.closed ? 'closed' : 'open read-only';
      return Promise.reject(new EventStoreUnavailableError(`The event log is ${why}`));
    }
    let serialized: SerializedEvent[];
    try {
      assertExpectedRevision(options.expectedRevision);
      serialized = serializeAppend(streamId, events);
    } catch (error) {
      return Promise.reject(asError(error));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      const expected = options.expectedRevision;
      this.pending.push({ streamId, events: serialized, expected, resolve, reject });
      if (this.options.groupCommit)
        this.commitScheduled ??= setImmediate(() => this.commitPending());
      else this.commitPending();
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.run(() => {
      const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      const rows =
        options.direction === 'backwards'
          ? this.statements.streamBackwards.all(
              streamId,
              options.fromRevision ?? Number.MAX_SAFE_INTEGER,
              maxCount,
            )
          : this.statements.streamForwards.all(streamId, options.fromRevision ?? 0, maxCount);
      return rows.map(toStoredEvent);
    });
  }

  streamRevision(streamId: string): Promise<number | undefined> {
    return this.run(() => this.statements.streamHead.get(streamId)?.revision);
  }

  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    return this.run(() => this.readAllNow(options.after ?? 0, options.maxCount));
  }

  headPosition(): Promise<number> {
    return this.run(() => this.head());
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<SubscriptionMessage> {
    const { signal } = options;
    const batchSize = options.batchSize ?? 500;
    let position = options.after === 'end' ? await this.headPosition() : (options.after ?? 0);
    let caughtUp = false;
    while (!signal?.aborted && !this.closed) {
      const seen = this.changes.generation;
      const batch = this.readAllNow(position, batchSize);
      for (const event of batch) {
        yield { kind: 'event', event };
        position = event.position;
        if (signal?.aborted || this.closed) return;
      }
      if (batch.length < batchSize) {
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught_up', position };
        }
        await this.changes.waitForChange(seen, signal);
        this.counters.wakeUps += 1;
      }
    }
  }

  health(): Promise<EventStoreHealth> {
    return this.run(() => ({
      ok: true,
      kind: 'sqlite',
      headPosition: this.head(),
      detail: {
        file: basename(this.options.file),
        journalMode: String(this.db.pragma('journal_mode', { simple: true })),
        synchronous: synchronousName(Number(this.db.pragma('synchronous', { simple: true }))),
      },
    }));
  }

  close(): Promise<void> {
    if (!this.closed) {
      // Appends already asked for are committed, as they would have been a moment later.
      this.commitPending();
      this.closed = true;
      this.watcher?.close();
      this.changes.notify();
      this.db.close();
    }
    return Promise.resolve();
  }

  /**
   * Commits every pending append in one write transaction. IMMEDIATE takes the write lock before
   * any stream's head is read, so two connections (or processes) cannot both read the same head
   * and both append after it.
   */
  private commitPending(): void {
    if (this.commitScheduled) clearImmediate(this.commitScheduled);
    this.commitScheduled = undefined;
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let outcomes: Array<AppendResult | Error>;
    try {
      // An append alone needs no savepoint: its own transaction is rolled back when refused.
      const [only] = group;
      outcomes =
        group.length === 1 && only
          ? [
              refusedOr(() =>
                this.appendTransaction.immediate(only.streamId, only.events, only.expected),
              ),
            ]
          : this.groupTransaction.immediate(group);
      this.counters.commits += 1;
    } catch (error) {
      const failure = isBusy(error)
        ? new EventStoreUnavailableError('The event log is locked by another writer', {
            cause: error,
          })
        : asError(error);
      for (const append of group) append.reject(failure);
      return;
    }
    // Subscribers hear of the commit before the writers get their answers, as when each append
    // committed on its own: a projector reads the new events before a writer that waits for it.
    const written = outcomes.some(
      (outcome) => !(outcome instanceof Error) && !outcome.alreadyStored,
    );
    if (written) this.announceCommit();
    group.forEach((append, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) {
        append.reject(outcome);
        return;
      }
      this.counters.appends += 1;
      append.resolve(outcome);
    });
  }

  private appendInTransaction(
    streamId: string,
    events: SerializedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const retried = this.previousAppend(streamId, events);
    if (retried) return retried;

    const head = this.statements.streamHead.get(streamId);
    checkExpectedRevision(streamId, expected, head?.revision);

    const lastRecordedAt = this.statements.lastRecordedAt.get()?.recorded_at ?? 0;
    const recordedAt = Math.max(this.clock().getTime(), lastRecordedAt);
    let previousHash = head?.hash ?? GENESIS_HASH;
    let revision = head ? head.revision + 1 : 0;
    const stored: StoredEvent[] = [];
    for (const event of events) {
      const hash = chainHashOfCanonical(previousHash, event.content);
      const position = this.insert(streamId, revision, event, recordedAt, hash);
      stored.push({
        eventId: event.eventId,
        streamId,
        revision,
        position,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.source.data,
        metadata: {
          ...event.source.metadata,
          eventId: event.eventId,
          schemaVersion: event.schemaVersion,
          hash,
        },
        recordedAt: isoTime(recordedAt),
        hash,
      });
      previousHash = hash;
      revision += 1;
    }
    return appendResultOf(streamId, stored, false);
  }

  private insert(
    streamId: string,
    revision: number,
    event: SerializedEvent,
    recordedAt: number,
    hash: string,
  ): number {
    try {
      const { lastInsertRowid } = this.statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        event.dataJson,
        event.metadataJson,
        recordedAt,
        hash,
      );
      return Number(lastInsertRowid);
    } catch (error) {
      if (isUniqueViolation(error, 'events.event_id')) {
        throw new DuplicateEventIdError(event.eventId, 'is already stored');
      }
      throw error;
    }
  }

  /**
   * A batch whose first event id is stored is a retry: it answers the original result when the
   * whole batch was stored in this stream in the same order, and is refused otherwise.
   */
  private previousAppend(streamId: string, events: SerializedEvent[]): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0]!.eventId);
    if (!first) return undefined;
    if (first.stream_id !== streamId) {
      throw new DuplicateEventIdError(
        events[0]!.eventId,
        `is already stored in ${first.stream_id}`,
      );
    }
    const stored = this.statements.streamForwards
      .all(streamId, first.revision, events.length)
      .map(toStoredEvent);
    const sameBatch =
      stored.length === events.length &&
      stored.every((event, index) => event.eventId === events[index]!.eventId);
    if (!sameBatch) {
      throw new DuplicateEventIdError(
        events[0]!.eventId,
        'is already stored, but not as part of the same batch',
      );
    }
    return appendResultOf(streamId, stored, true);
  }

  /**
   * Operation counts since opening, for health, to prove that idle subscribers do not poll, and
   * that appends arriving together share a commit.
   */
  stats(): { appends: number; commits: number; logReads: number; wakeUps: number } {
    return { ...this.counters };
  }

  private readAllNow(after: number, maxCount: number): StoredEvent[] {
    if (this.closed) return [];
    this.counters.logReads += 1;
    return this.statements.all.all(after, maxCount).map(toStoredEvent);
  }

  private head(): number {
    return this.statements.head.get()?.position ?? 0;
  }

  private run<T>(work: () => T): Promise<T> {
    if (this.closed) {
      return Promise.reject(new EventStoreUnavailableError('The event log is closed'));
    }
    try {
      return Promise.resolve(work());
    } catch (error) {
      if (isBusy(error)) {
        return Promise.reject(
          new EventStoreUnavailableError('The event log is locked by another writer', {
            cause: error,
          }),
        );
      }
      return Promise.reject(asError(error));
    }
  }

  private announceCommit(): void {
    this.changes.notify();
    if (!this.crossProcess) return;
    try {
      const now = new Date();
      utimesSync(this.options.file, now, now);
    } catch {
      // A missed wake-up only delays other processes' subscribers until the next commit.
    }
  }

  /**
   * The write-ahead log itself is no signal: its frames are written before the commit becomes
   * visible to other connections, so a reader woken by them can read too early.
   */
  private watchCommits(): FSWatcher | undefined {
    const name = basename(this.options.file);
    try {
      const watcher = watch(
        dirname(this.options.file),
        { persistent: false },
        (_event, changed) => {
          if (changed === name) this.changes.notify();
        },
      );
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined;
    }
  }
}

/** The append's result, or the refusal that rolled it back; any other failure is thrown. */
function refusedOr(append: () => AppendResult): AppendResult | Error {
  try {
    return append();
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) {
      return error;
    }
    throw error;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  const [position, streamId, revision, eventId, type, schemaVersion, data, metadataJson] = row;
  const hash = row[9];
  const metadata = JSON.parse(metadataJson) as StoredMetadata;
  metadata.hash = hash;
  return {
    eventId,
    streamId,
    revision,
    position,
    type,
    schemaVersion,
    data: JSON.parse(data) as JsonObject,
    metadata,
    recordedAt: isoTime(row[8]),
    hash,
  };
}

let lastTime = Number.NaN;
let lastIso = '';

/** Events of one commit share their recorded time; converting it once per commit is enough. */
function isoTime(milliseconds: number): string {
  if (milliseconds !== lastTime) {
    lastTime = milliseconds;
    lastIso = new Date(milliseconds).toISOString();
  }
  return lastIso;
}

/*
 * Errors from better-sqlite3 are checked by shape, not `instanceof`: its native addon keeps the
 * SqliteError class of the first JavaScript realm that loaded it (a jest sandbox, a worker), so
 * in another realm its errors are not instances of that realm's Error.
 */
function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column)
  );
}

function asError(error: unknown): Error {
  const looksLikeError =
    typeof error === 'object' && error !== null && typeof (error as Error).message === 'string';
  return looksLikeError ? (error as Error) : new Error(String(error));
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function synchronousName(level: number): string {
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level);
}
