import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { ReadStreamOptions, StoredEvent } from '../event-store.port';
import { readToEnd } from './deadline';
import { revisionToClient, toStoredEvent } from './mapping';

/** Reads one stream as the port does: a missing stream is empty, never an error. */
export class StreamReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly deadlineMs: number,
  ) {}

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision;
    // `$` streams are the server's own and never hold Marginalia events.
    if (
      maxCount <= 0 ||
      streamId.startsWith('$') ||
      (backwards && from !== undefined && from < 0)
    ) {
      return [];
    }
    const fromRevision =
      from === undefined ? (backwards ? END : START) : revisionToClient(Math.max(0, from));
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision,
      maxCount,
      resolveLinkTos: false,
      // Read-your-writes: a follower may not have the append this read follows yet.
      requiresLeader: true,
    });
    try {
      const resolved = await readToEnd(read, this.deadlineMs, `a read of ${streamId}`);
      return resolved.flatMap(({ event }) => (event ? [toStoredEvent(event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** The stream's latest events, oldest first: at most `count`, ending at its head. */
  async tail(streamId: string, count: number): Promise<StoredEvent[]> {
    return (await this.read(streamId, { direction: 'backwards', maxCount: count })).reverse();
  }
}
