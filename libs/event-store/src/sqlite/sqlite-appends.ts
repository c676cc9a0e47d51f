import type Database from 'better-sqlite3';
import type { SerializedEvent } from '../append-preparation';
import { appendResultOf } from '../append-result';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { chainHashOfCanonical, GENESIS_HASH } from '../hash-chain';
import { isoTime, toStoredEvent, type EventStatements } from './sqlite-event-rows';
import { isUniqueViolation, storeFailure } from './sqlite-failures';

/** An append waiting for the next commit. */
interface PendingAppend {
  streamId: string;
  events: SerializedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

/**
 * The log's write side: appends wait here for their commit. With `groupCommit`, appends that
 * arrive while the event loop is busy (the requests of one turn of it) share one write
 * transaction and one fsync, each in a savepoint of its own, so each still succeeds or fails
 * alone, and all answer once the commit is on disk.
 */
export class SqliteAppends {
  readonly counters = { appends: 0, commits: 0 };

  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: SerializedEvent[], expected: ExpectedRevision) => AppendResult
  >;

  private readonly groupTransaction: Database.Transaction<
    (group: PendingAppend[]) => Array<AppendResult | Error>
  >;

  private pending: PendingAppend[] = [];
  private commitScheduled: NodeJS.Immediate | undefined;

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
    private readonly clock: () => Date,
    private readonly options: { groupCommit: boolean; onCommit: () => void },
  ) {
    this.appendTransaction = db.transaction(
      (streamId: string, events: SerializedEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    );
    // Inside the group's transaction each append is a nested transaction, that is a savepoint:
    // a refused append is rolled back alone, with the positions it took.
    this.groupTransaction = db.transaction((group: PendingAppend[]) =>
      group.map((append) =>
        refusedOr(() => this.appendTransaction(append.streamId, append.events, append.expected)),
      ),
    );
  }

  append(
    streamId: string,
    events: SerializedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (this.options.groupCommit)
        this.commitScheduled ??= setImmediate(() => this.commitPending());
      else this.commitPending();
    });
  }

  /**
   * Commits every pending append in one write transaction. IMMEDIATE takes the write lock before
   * any stream's head is read, so two connections (or processes) cannot both read the same head
   * and both append after it.
   */
  commitPending(): void {
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
      const failure = storeFailure(error);
      for (const append of group) append.reject(failure);
      return;
    }
    // Subscribers hear of the commit before the writers get their answers, as when each append
    // committed on its own: a projector reads the new events before a writer that waits for it.
    const written = outcomes.some(
      (outcome) => !(outcome instanceof Error) && !outcome.alreadyStored,
    );
    if (written) this.options.onCommit();
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
