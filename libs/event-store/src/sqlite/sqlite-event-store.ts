import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { serializeAppend, type SerializedEvent } from '../append-preparation';
import { EventStoreUnavailableError } from '../errors';
import { assertExpectedRevision } from '../expected-revision';
import type {
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import { CommitWakeups } from './commit-wakeups';
import { openSqlite } from './open-sqlite';
import { migrate, unreadableSchema } from './schema';
import { SqliteAppends } from './sqlite-appends';
import { prepareEventStatements, toStoredEvent, type EventStatements } from './sqlite-event-rows';
import { asError, storeFailure } from './sqlite-failures';

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
 * The embedded event log: one SQLite file in write-ahead-log mode with synchronous=FULL, so an
 * append answers only after its commit is on disk. Positions come from an AUTOINCREMENT key
 * inside serialised write transactions, so readers never see a later position before an
 * earlier one. Appends are committed by SqliteAppends, alone or in groups.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly wakeups: CommitWakeups;
  private readonly appends: SqliteAppends;
  private closed = false;
  private readonly counters = { logReads: 0, wakeUps: 0 };
  private readonly statements: EventStatements;

  constructor(private readonly options: SqliteEventStoreOptions) {
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
    this.statements = prepareEventStatements(this.db);
    this.wakeups = new CommitWakeups(options.file, options.crossProcessWakeups !== false);
    this.appends = new SqliteAppends(
      this.db,
      this.statements,
      options.clock ?? (() => new Date()),
      {
        groupCommit: options.groupCommit ?? false,
        onCommit: () => this.wakeups.announceCommit(),
      },
    );
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
    return this.appends.append(streamId, serialized, options.expectedRevision);
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
    const { changes } = this.wakeups;
    let position = options.after === 'end' ? await this.headPosition() : (options.after ?? 0);
    let caughtUp = false;
    while (!signal?.aborted && !this.closed) {
      const seen = changes.generation;
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
        await changes.waitForChange(seen, signal);
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
      this.appends.commitPending();
      this.closed = true;
      this.wakeups.close();
      this.db.close();
    }
    return Promise.resolve();
  }

  /**
   * Operation counts since opening, for health, to prove that idle subscribers do not poll, and
   * that appends arriving together share a commit.
   */
  stats(): { appends: number; commits: number; logReads: number; wakeUps: number } {
    const { appends, commits } = this.appends.counters;
    return { appends, commits, ...this.counters };
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
      return Promise.reject(storeFailure(error));
    }
  }
}

function synchronousName(level: number): string {
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level);
}
