import { EventStoreDBClient } from '@eventstore/db-client';
import { readFromLeader } from './leader-retry';
import { serializeAppend } from '../append-preparation';
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
import { asAppend, type CopyTarget } from '../migration';
import { AllReader } from './all-reader';
import { subscribeToAllFrom } from './all-subscription';
import { ChainedAppender } from './chained-append';
import { connectionTarget, fromClientError } from './mapping';
import { StreamReader } from './stream-reader';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://…` or `esdb+discover://…`; its credentials never appear in health or errors. */
  connectionString: string;
  /** The longest any single call to the server may take. Default 10 s. */
  deadlineMs?: number;
  /** How many of a stream's latest events every append reads to check its event ids. Default 20. */
  idempotencyWindow?: number;
  /** How far back, in events, an append that conflicts looks for its first event id. Default 1000. */
  retryLookback?: number;
  /** Reads of the head and appends an `any` or `stream_exists` append tries. Default 5. */
  appendAttempts?: number;
  /** First wait before a dropped subscription resubscribes. Default 250 ms. */
  resubscribeDelayMs?: number;
  /** A client to use instead of one made from the connection string; closing disposes it. */
  client?: EventStoreDBClient;
}

/**
 * The port on EventStoreDB through @eventstore/db-client 6.x: one stream per aggregate, the
 * global position is the `$all` commit position, and the store chains each event's hash to
 * the one before it in its stream, appending with the exact revision it chained to. See
 * docs/eventstoredb.md for what this costs and what was verified.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly all: AllReader;
  private readonly streams: StreamReader;
  private readonly deadlineMs: number;
  private readonly appender: ChainedAppender;
  private readonly closing = new AbortController();

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    this.deadlineMs = options.deadlineMs ?? 10_000;
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.all = new AllReader(this.client, this.deadlineMs);
    this.streams = new StreamReader(this.client, this.deadlineMs);
    this.appender = new ChainedAppender(this.client, this.streams, {
      deadlineMs: this.deadlineMs,
      window: Math.max(1, options.idempotencyWindow ?? 20),
      lookback: options.retryLookback ?? 1000,
      attempts: Math.max(1, options.appendAttempts ?? 5),
    });
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.call(`an append to ${streamId}`, () => {
      assertExpectedRevision(options.expectedRevision);
      const batch = serializeAppend(streamId, events);
      return this.appender.append(streamId, batch, options.expectedRevision);
    });
  }

  /**
   * Appends events copied from another log (`npm run cli -- migrate`), all recorded at one
   * instant: like `append`, with their original `recordedAt` kept in the metadata (see
   * COPIED_RECORDED_AT), since the server stamps its own time.
   */
  appendCopies(
    streamId: string,
    events: readonly StoredEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.call(`an append to ${streamId}`, () => {
      assertExpectedRevision(options.expectedRevision);
      const times = new Set(events.map((event) => event.recordedAt));
      if (times.size !== 1) {
        throw new RangeError('One append of copies holds events recorded at one instant');
      }
      const batch = serializeAppend(streamId, events.map(asAppend));
      return this.appender.append(streamId, batch, options.expectedRevision, events[0]!.recordedAt);
    });
  }

  /** This store as the target of `copyLog`. */
  asCopyTarget(): CopyTarget {
    return {
      store: this,
      appendCopies: (streamId, events, options) => this.appendCopies(streamId, events, options),
    };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.read(`a read of ${streamId}`, () => this.streams.read(streamId, options));
  }

  streamRevision(streamId: string): Promise<number | undefined> {
    return this.read(`a read of ${streamId}`, async () => {
      const [last] = await this.streams.read(streamId, { direction: 'backwards', maxCount: 1 });
      return last?.revision;
    });
  }

  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    return this.read('a read of $all', () =>
      this.all.readAfter(options.after ?? 0, options.maxCount),
    );
  }

  headPosition(): Promise<number> {
    return this.read('a read of $all', () => this.all.headPosition());
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<SubscriptionMessage> {
    const stop = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    const start = options.after === 'end' ? await this.headPosition() : (options.after ?? 0);
    const source = {
      client: this.client,
      readAfter: (after: number, maxCount: number) =>
        this.read('a read of $all', () => this.all.readAfter(after, maxCount)),
      startAfter: (after: number) => this.read('a read of $all', () => this.all.startAfter(after)),
      resubscribeDelayMs: this.options.resubscribeDelayMs ?? 250,
    };
    yield* subscribeToAllFrom(source, start, options.batchSize ?? 500, stop);
  }

  async health(): Promise<EventStoreHealth> {
    const detail = { target: connectionTarget(this.options.connectionString) };
    try {
      return { ok: true, kind: 'eventstoredb', headPosition: await this.headPosition(), detail };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: 'eventstoredb', headPosition: 0, detail: { ...detail, reason } };
    }
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }

  /** A read, tried again on the leader when it reached a node no longer leading. */
  private read<T>(action: string, work: () => Promise<T>): Promise<T> {
    return this.call(action, () => readFromLeader(work));
  }

  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    if (this.closing.signal.aborted) {
      throw new EventStoreUnavailableError('The EventStoreDB store is closed');
    }
    try {
      return await work();
    } catch (error) {
      throw fromClientError(error, action);
    }
  }
}
