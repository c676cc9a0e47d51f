import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { JsonObject } from './json';
import type { StoredEvent, StoredMetadata } from './event-store.port';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  type: string;
  data: JsonObject;
  /** The stored metadata without its `hash`. */
  metadata: JsonObject;
}

/**
 * SHA-256, lowercase hex, over the previous event's hash (hex text) followed by this event's
 * canonical JSON `{ data, metadata, type }`, both as UTF-8 (SPEC §4).
 */
export function chainHash(previousHash: string, content: HashedContent): string {
  return chainHashOfCanonical(
    previousHash,
    canonicalContent(canonicalJson(content.data), canonicalJson(content.metadata), content.type),
  );
}

/** The canonical JSON of `{ type, data, metadata }` from the canonical JSON of its parts. */
export function canonicalContent(dataJson: string, metadataJson: string, type: string): string {
  return `{"data":${dataJson},"metadata":${metadataJson},"type":${JSON.stringify(type)}}`;
}

export function chainHashOfCanonical(previousHash: string, canonical: string): string {
  // The one-shot hash avoids a Hash object per event (about 3× faster on Node 20).
  return hash('sha256', previousHash + canonical, 'hex');
}

export function withoutHash(metadata: StoredMetadata): JsonObject {
  const { hash: _hash, ...rest } = metadata;
  return rest;
}

export type ChainBreakReason = 'hash_mismatch' | 'revision_gap' | 'envelope_mismatch';

export interface ChainBreak {
  streamId: string;
  revision: number;
  position: number;
  reason: ChainBreakReason;
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  streams: number;
  events: number;
  broken: ChainBreak[];
}

/**
 * Walks events in global order and checks, per stream, that revisions follow each other from
 * 0 and that every hash matches its content and its predecessor. An edited event fails its own
 * hash; an event edited together with its hash breaks the link of the next one.
 */
export class HashChainVerifier {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly broken: ChainBreak[] = [];
  private events = 0;

  check(event: StoredEvent): void {
    this.events += 1;
    const head = this.heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    const previousHash = head?.hash ?? GENESIS_HASH;
    this.heads.set(event.streamId, { revision: event.revision, hash: event.hash });

    const fail = (reason: ChainBreakReason, detail: string) =>
      this.broken.push({
        streamId: event.streamId,
        revision: event.revision,
        position: event.position,
        reason,
        detail,
      });

    if (event.revision !== expectedRevision) {
      fail('revision_gap', `expected revision ${expectedRevision}, found ${event.revision}`);
      return;
    }
    const { metadata } = event;
    if (
      metadata.eventId !== event.eventId ||
      metadata.schemaVersion !== event.schemaVersion ||
      metadata.hash !== event.hash
    ) {
      fail('envelope_mismatch', 'the envelope disagrees with the hashed metadata');
      return;
    }
    const recomputed = chainHash(previousHash, {
      type: event.type,
      data: event.data,
      metadata: withoutHash(metadata),
    });
    if (recomputed !== event.hash) {
      fail(
        'hash_mismatch',
        'the stored hash does not match the event content and the previous hash of its stream',
      );
    }
  }

  report(): ChainReport {
    return {
      ok: this.broken.length === 0,
      streams: this.heads.size,
      events: this.events,
      broken: [...this.broken],
    };
  }
}
