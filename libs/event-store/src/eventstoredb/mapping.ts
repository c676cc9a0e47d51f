import {
  AccessDeniedError,
  ANY,
  CancelledError,
  DeadlineExceededError,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position,
} from '@eventstore/db-client';
import type { SerializedEvent } from '../append-preparation';
import { isJsonObject } from '../canonical-json';
import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../errors';
import type { ExpectedRevision, StoredEvent, StoredMetadata } from '../event-store.port';
import type { JsonObject } from '../json';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** EventStoreDB handed back something this adapter cannot represent faithfully in the port. */
export class EventStoreDbMappingError extends EventStoreError {
  readonly code = 'eventstoredb_unmappable';
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreDbMappingError';
  }
}

/** A recorded event as the client decodes it (RecordedEvent and its $all variant both fit). */
export interface RecordedEventLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  created: Date;
  position?: Position;
}

export function revisionFromClient(revision: bigint): number {
  if (revision < 0n || revision > MAX_SAFE) {
    throw new EventStoreDbMappingError(`Stream revision ${revision} is not a safe integer`);
  }
  return Number(revision);
}

export function revisionToClient(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`Stream revision ${revision} is not a non-negative safe integer`);
  }
  return BigInt(revision);
}

export function expectedRevisionToClient(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return revisionToClient(expected);
  }
}

export function expectedRevisionFromClient(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case NO_STREAM:
      return 'no_stream';
    case ANY:
      return 'any';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      return revisionFromClient(expected);
  }
}

/** The exact expectation an append sends, so the server checks the head its hash chains to. */
export function exactExpectationToClient(head: number | undefined): AppendExpectedRevision {
  return head === undefined ? NO_STREAM : revisionToClient(head);
}

export function currentRevisionFromClient(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : revisionFromClient(current);
}

/**
 * The port's conflict from the client's. `expected` is what the caller asked for, which can
 * differ from what the adapter sent (it turns `any` and `stream_exists` into exact revisions).
 */
export function wrongExpectedRevisionFromClient(
  error: WrongExpectedVersionError,
  streamId: string,
  expected: ExpectedRevision = expectedRevisionFromClient(error.expectedVersion),
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(
    streamId,
    expected,
    currentRevisionFromClient(error.actualVersion),
  );
}

/**
 * The port's global position from an `$all` position. Commit positions are byte offsets in
 * the server's transaction log: 2^53 bytes is 8 PiB, far beyond any EventStoreDB database, so
 * a safe integer holds them exactly. An event appended outside an explicit transaction has
 * its own record, whose log position is both its commit and prepare position; that is what
 * makes positions distinct and increasing. Anything else is refused loudly.
 */
export function positionFromClient(position: Position | undefined, what: string): number {
  if (!position || position.commit === 0n) {
    throw new EventStoreDbMappingError(
      `EventStoreDB reported no log position for ${what}; stream reads need EventStoreDB 22.6 or later`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new EventStoreDbMappingError(
      `${what} was written in an explicit transaction (commit ${position.commit}, prepare ${position.prepare}); its position does not order the log`,
    );
  }
  if (position.commit < 0n || position.commit > MAX_SAFE) {
    throw new EventStoreDbMappingError(`Log position ${position.commit} is not a safe integer`);
  }
  return Number(position.commit);
}

/** Where a read of `$all` starts to see the events after `position` (0: the start). */
export function positionToClient(position: number): Position | typeof START {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`Log position ${position} is not a non-negative safe integer`);
  }
  if (position === 0) return START;
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

export function isSystemEvent(recorded: { streamId: string; type: string }): boolean {
  return recorded.streamId.startsWith('$') || recorded.type.startsWith('$');
}

/**
 * Whether a record of `$all` is one of Marginalia's events: not the server's own, and carrying
 * the envelope this store writes into every event's metadata (a JSON object with the numeric
 * `schemaVersion` and the string `hash`). A server shared with other programs holds their
 * events too; the log of Marginalia, its positions' order and its Merkle tree's leaves
 * (SPEC §9: "the event's ordinal among Marginalia's events in `$all`") skip them. A stream read
 * still refuses such a record: one written into a Marginalia stream is not skipped there, and
 * the hash chain's revision gap shows it in the integrity report.
 */
export function isMarginaliaEvent(recorded: RecordedEventLike): boolean {
  if (isSystemEvent(recorded) || !recorded.isJson) return false;
  const metadata = recorded.metadata;
  return (
    isJsonObject(metadata) &&
    typeof metadata.schemaVersion === 'number' &&
    typeof metadata.hash === 'string'
  );
}

/** The stored metadata: the writer's metadata with eventId and schemaVersion, plus the hash. */
export function storedMetadataOf(event: SerializedEvent, hash: string): StoredMetadata {
  return { ...(JSON.parse(event.metadataJson) as JsonObject), hash } as StoredMetadata;
}

/**
 * The metadata key that keeps the original `recordedAt` of an event copied from another log
 * (`npm run cli -- migrate`): the server stamps `created` itself and cannot be told a time.
 * It is outside the hashed content; reads turn it back into `recordedAt` and drop it.
 */
export const COPIED_RECORDED_AT = 'recordedAt';

/**
 * A JSON event whose data and metadata are parsed back from their canonical text, so the
 * server stores exactly the values that were hashed. `recordedAt` is given for copies only.
 */
export function toEventData(event: SerializedEvent, hash: string, recordedAt?: string): EventData {
  const metadata: JsonObject = storedMetadataOf(event, hash);
  if (recordedAt !== undefined) metadata[COPIED_RECORDED_AT] = recordedAt;
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: JSON.parse(event.dataJson) as JsonObject,
    metadata,
  });
}

/**
 * The port's envelope of a recorded event. Its consistency (metadata eventId, hash) is left
 * to the hash chain verifier; only what cannot be typed at all is refused here.
 */
export function toStoredEvent(recorded: RecordedEventLike): StoredEvent {
  const where = `Event ${recorded.id} of ${recorded.streamId}`;
  if (!recorded.isJson || !isJsonObject(recorded.data)) {
    throw new EventStoreDbMappingError(`${where} has no JSON object as data`);
  }
  const metadata = recorded.metadata;
  if (!isJsonObject(metadata)) {
    throw new EventStoreDbMappingError(`${where} has no JSON object as metadata`);
  }
  const { schemaVersion, hash, [COPIED_RECORDED_AT]: copiedAt, ...rest } = metadata;
  if (typeof schemaVersion !== 'number' || typeof hash !== 'string') {
    throw new EventStoreDbMappingError(`${where} has no Marginalia envelope in its metadata`);
  }
  if (Number.isNaN(recorded.created.getTime())) {
    throw new EventStoreDbMappingError(`${where} has no valid creation time`);
  }
  let recordedAt = recorded.created.toISOString();
  if (copiedAt !== undefined) {
    if (typeof copiedAt !== 'string' || Number.isNaN(Date.parse(copiedAt))) {
      throw new EventStoreDbMappingError(`${where} has an invalid copied recordedAt`);
    }
    recordedAt = new Date(copiedAt).toISOString();
  }
  return {
    eventId: recorded.id,
    streamId: recorded.streamId,
    revision: revisionFromClient(recorded.revision),
    position: positionFromClient(recorded.position, where),
    type: recorded.type,
    schemaVersion,
    data: recorded.data,
    metadata: { ...rest, schemaVersion, hash } as StoredMetadata,
    recordedAt,
    hash,
  };
}

/** The errors that mean "try again later": the server or the network, not the request. */
export function isTransient(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) {
    return error.cause === undefined || isTransient(error.cause);
  }
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    (error instanceof Error && error.message.startsWith('Failed to discover'))
  );
}

/** The port's error for a client error; anything unrecognised is returned unchanged. */
export function fromClientError(error: unknown, action: string): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError) {
    return wrongExpectedRevisionFromClient(error, error.streamName);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(
      `The batch is larger than EventStoreDB accepts in one append (${error.maxAppendSize} bytes)`,
    );
  }
  if (error instanceof StreamDeletedError) {
    return new InvalidAppendError(`Stream ${error.streamName} was deleted in EventStoreDB`);
  }
  if (error instanceof AccessDeniedError) {
    return new EventStoreUnavailableError(
      `EventStoreDB denied ${action}: check the user of the connection string`,
      { cause: error },
    );
  }
  if (isTransient(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(`EventStoreDB is unavailable for ${action}: ${reason}`, {
      cause: error,
    });
  }
  return error;
}

/** Scheme and hosts of a connection string, without credentials or options. */
export function connectionTarget(connectionString: string): string {
  const scheme = /^([a-z+]+):\/\//i.exec(connectionString);
  if (!scheme) return 'unrecognised connection string';
  const rest = connectionString.slice(scheme[0].length);
  const authority = rest.split(/[/?]/, 1)[0] ?? '';
  return `${scheme[1]}://${authority.slice(authority.lastIndexOf('@') + 1)}`;
}
