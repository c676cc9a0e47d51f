import { hash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { StoredEvent } from '../event-store.port';

/** The fields of an event that its leaf commits to (SPEC §9), as the event feed gives them. */
export type LeafFields = Pick<
  StoredEvent,
  'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'recordedAt'
>;

/**
 * The leaf's entry: the RFC 8785 canonical JSON of `{ streamId, revision, type, schemaVersion,
 * data, metadata, recordedAt }`. Written member by member in JCS order (data, metadata,
 * recordedAt, revision, schemaVersion, streamId, type), which is what canonicalJson of the whole
 * object gives, without sorting and copying the envelope for every event.
 */
export function leafEntry(event: LeafFields): string {
  return (
    `{"data":${canonicalJson(event.data)},"metadata":${canonicalJson(event.metadata)},` +
    `"recordedAt":${canonicalJson(event.recordedAt)},"revision":${canonicalJson(event.revision)},` +
    `"schemaVersion":${canonicalJson(event.schemaVersion)},` +
    `"streamId":${canonicalJson(event.streamId)},"type":${canonicalJson(event.type)}}`
  );
}

/** SHA-256(0x00 || UTF-8 of the entry): the event's leaf in the log's Merkle tree. */
export function eventLeafHash(event: LeafFields): Buffer {
  // U+0000 encodes as the one byte 0x00: the RFC 9162 leaf prefix, hashed in one native call.
  return hash('sha256', `\u0000${leafEntry(event)}`, 'buffer');
}
