import { canonicalJson, CanonicalJsonError, isJsonObject } from './canonical-json';
import { InvalidAppendError } from './errors';
import type { EventToAppend } from './event-store.port';
import { canonicalContent } from './hash-chain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/;
/** Set by the store; `recordedAt` is kept outside the hash by EventStoreDB copies. */
const RESERVED_METADATA = ['eventId', 'schemaVersion', 'hash', 'recordedAt'] as const;

export const MAX_EVENTS_PER_APPEND = 10_000;

/**
 * An event serialised for storage, not yet chained: its hash needs the previous hash of its
 * stream, which only the store knows inside its write transaction.
 */
export interface SerializedEvent {
  /** The writer's event, kept so an append can answer without parsing what it just wrote. */
  source: EventToAppend;
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  /** Canonical metadata without the hash: the writer's metadata plus eventId and schemaVersion. */
  metadataJson: string;
  /** Canonical `{ data, metadata, type }`, the text the chain hashes. */
  content: string;
}

/** Refuses, before anything is written, a batch that no adapter could store faithfully. */
export function validateAppend(streamId: string, events: readonly EventToAppend[]): void {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(`Stream id ${JSON.stringify(streamId)} is not a valid stream id`);
  }
  const batch: unknown = events;
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new InvalidAppendError('An append needs at least one event');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`An append holds at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidAppendError(`${at}.eventId must be a lowercase UUID`);
    }
    if (seen.has(event.eventId)) {
      throw new InvalidAppendError(`${at}.eventId ${event.eventId} appears twice in the batch`);
    }
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidAppendError(`${at}.type ${JSON.stringify(event.type)} is not a valid type`);
    }
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`${at}.schemaVersion must be a positive integer`);
    }
    if (!isJsonObject(event.data)) throw new InvalidAppendError(`${at}.data must be an object`);
    if (!isJsonObject(event.metadata)) {
      throw new InvalidAppendError(`${at}.metadata must be an object`);
    }
    for (const key of RESERVED_METADATA) {
      if (key in event.metadata) {
        throw new InvalidAppendError(`${at}.metadata.${key} is set by the store`);
      }
    }
  });
}

/** Canonicalises one event; refuses what JSON could not hold faithfully. */
export function serializeEvent(event: EventToAppend): SerializedEvent {
  try {
    const dataJson = canonicalJson(event.data);
    const metadataJson = canonicalJson({
      ...event.metadata,
      eventId: event.eventId,
      schemaVersion: event.schemaVersion,
    });
    return {
      source: event,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson,
      metadataJson,
      content: canonicalContent(dataJson, metadataJson, event.type),
    };
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      throw new InvalidAppendError(`Event ${event.eventId}: ${error.message}`);
    }
    throw error;
  }
}

/** Validates and serialises a whole batch, so that a bad event refuses it before any write. */
export function serializeAppend(
  streamId: string,
  events: readonly EventToAppend[],
): SerializedEvent[] {
  validateAppend(streamId, events);
  return events.map(serializeEvent);
}
