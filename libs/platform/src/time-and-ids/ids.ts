import { createHash } from 'node:crypto';
import { createEventIdGenerator } from '@marginalia/event-store';

/** New ids for aggregates and events: time-ordered UUIDv7 (see docs/decisions.md). */
export interface IdGenerator {
  newId(): string;
}

export const ID_GENERATOR = Symbol('IdGenerator');

export function uuidV7Generator(now: () => number = Date.now): IdGenerator {
  const next = createEventIdGenerator(now);
  return { newId: next };
}

/** RFC 9562 name-based UUIDs (version 5) in Marginalia's own namespace. */
const NAMESPACE = Buffer.from('6d617267-696e-5161-8c69-612d6e657773'.replace(/-/g, ''), 'hex');

/**
 * The same name always gives the same id: an article's id from its source URL makes a second
 * import of that URL collide on `no_stream` and answer `article_exists`, atomically.
 */
export function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of an event a process manager appends because of another event: derived from the
 * trigger and the purpose, so a second run appends the same id and the store answers it as a
 * retry instead of writing twice. The trigger's time prefix keeps it roughly time-ordered.
 */
export function derivedEventId(triggerEventId: string, purpose: string): string {
  const hash = createHash('sha256').update(`${triggerEventId}\n${purpose}`, 'utf8').digest('hex');
  const time = triggerEventId.replace(/-/g, '').slice(0, 12);
  const tail = `8${hash.slice(0, 3)}${((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16)}${hash.slice(4, 19)}`;
  const hex = `${time}${tail}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A request with an Idempotency-Key: the key's scope (SPEC §8) and the SHA-256 of its body. */
export interface KeyedRequest {
  sub: string;
  method: string;
  path: string;
  key: string;
  bodySha256: string;
}

/**
 * The ids of what a keyed request creates and appends, derived from the request alone: its
 * retry after a crash, or on another replica sharing the log, names the same aggregate and the
 * same events, so the log itself tells that the work is done (docs/decisions.md, "Retries of
 * keyed requests are recognised in the log").
 * Name-based (version 5), not time-ordered: nothing of the request's time survives a crash.
 */
export function keyedRequestIds(request: KeyedRequest): {
  aggregateId(purpose: string): string;
  eventId(streamId: string, index: number): string;
} {
  const { sub, method, path, key, bodySha256 } = request;
  const name = JSON.stringify(['keyed-request', sub, method, path, key, bodySha256]);
  return {
    aggregateId: (purpose) => nameBasedId(`${name}\naggregate:${purpose}`),
    eventId: (streamId, index) => nameBasedId(`${name}\nevent:${streamId}#${index}`),
  };
}
