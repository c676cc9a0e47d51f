import type { JsonObject } from './json';

/**
 * What a writer expects of a stream before its append: `no_stream` (it must not exist yet),
 * `stream_exists`, `any`, or the exact revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

/** An event as a writer hands it to the store. */
export interface EventToAppend {
  /** A UUID chosen by the writer; appending it again to the same stream is a no-op. */
  eventId: string;
  /** A stable, past-tense type string such as `ClaimCaptured`. */
  type: string;
  schemaVersion: number;
  data: JsonObject;
  /** occurredAt, actor, correlationId, causationId, reason, idempotencyKey… (SPEC §4). */
  metadata: JsonObject;
}

/**
 * The metadata as stored: the writer's metadata plus the envelope fields the store owns.
 * `hash` chains the event to the previous one of its stream (see hash-chain.ts).
 */
export interface StoredMetadata extends JsonObject {
  eventId: string;
  schemaVersion: number;
  hash: string;
}

/** An event as the store recorded it (the envelope of SPEC §4). */
export interface StoredEvent {
  eventId: string;
  streamId: string;
  /** Position within its stream, from 0. */
  revision: number;
  /** Position in the whole log, from 1; strictly increasing in the order events were committed. */
  position: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: StoredMetadata;
  /** The store's clock at commit, ISO 8601; never decreases as the position grows. */
  recordedAt: string;
  hash: string;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event of this append: the expected revision of the next one. */
  nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  position: number;
  /**
   * The events as stored. Their `data` and writer metadata are the writer's own objects (equal
   * to what a read returns, but not copies), so an append costs no parsing.
   */
  events: StoredEvent[];
  /** True when every event id was already stored by an earlier identical append. */
  alreadyStored: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: the events after this global position. Defaults to 0, the start of the log. */
  after?: number;
  /** Required, so that no caller loads a log of millions of events by accident. */
  maxCount: number;
}

export interface SubscribeOptions {
  /**
   * Exclusive checkpoint: deliver every event after this position, then keep delivering live.
   * `end` starts at the head of the log as it is when the subscription starts.
   */
  after?: number | 'end';
  /** Ends the subscription, also while it waits for new events. */
  signal?: AbortSignal;
  /** How many events one catch-up read fetches. */
  batchSize?: number;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: StoredEvent }
  /** Every event stored when the subscription read the head has been delivered. */
  | { kind: 'caught_up'; position: number };

export interface EventStoreHealth {
  ok: boolean;
  kind: string;
  headPosition: number;
  detail: Record<string, string | number | boolean>;
}

/**
 * The one event store port. Every adapter (SQLite embedded, EventStoreDB) passes the same
 * contract suite in libs/event-store/src/testing.
 */
export interface EventStore {
  /**
   * Appends a batch atomically after checking the expected revision. Answers only once the
   * events are durable. Throws WrongExpectedRevisionError on a stale expectation.
   */
  append(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** The stream's events; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** The revision of the stream's last event, or undefined when the stream does not exist. */
  streamRevision(streamId: string): Promise<number | undefined>;

  /** One page of the whole log in global order; see iterateAll for a full scan. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;

  /** The position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;

  /**
   * Catches up from the checkpoint, announces `caught_up`, then delivers new events as they
   * are committed, each exactly once and in order. Ends when the signal aborts.
   */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage>;

  health(): Promise<EventStoreHealth>;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
