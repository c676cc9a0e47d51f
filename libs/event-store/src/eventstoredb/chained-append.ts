import { appendResultOf } from '../append-result';
import { WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import type { SerializedEvent } from '../append-preparation';
import { checkExpectedRevision } from '../expected-revision';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../event-store.port';
import { chainHashOfCanonical, GENESIS_HASH } from '../hash-chain';
import { withDeadline } from './deadline';
import {
  EventStoreDbMappingError,
  exactExpectationToClient,
  revisionFromClient,
  toEventData,
  wrongExpectedRevisionFromClient,
} from './mapping';
import { olderPages, previousAppendIn } from './retries';
import type { StreamReader } from './stream-reader';

export interface ChainedAppendSettings {
  deadlineMs: number;
  /** How many of the stream's latest events every append reads. */
  window: number;
  /** How far back a conflicting append looks for its first event id. */
  lookback: number;
  /** Attempts of an append that allowed any revision and keeps losing races. */
  attempts: number;
}

const LOOKBACK_PAGE = 500;

/**
 * Appends chained to the hash of the stream's head. EventStoreDB cannot compute the hash in
 * its write, so the head is read first and the append sent with that head's exact revision:
 * the server then refuses it if anything was appended in between.
 */
export class ChainedAppender {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly streams: StreamReader,
    private readonly settings: ChainedAppendSettings,
  ) {}

  /**
   * Reads the stream's latest events (its head, to chain to, and the ids a retry would
   * repeat), then appends with the exact revision of that head. Losing a race re-reads the
   * head when the caller allowed any revision; an exact expectation that lost is the caller's.
   */
  async append(
    streamId: string,
    batch: SerializedEvent[],
    expected: ExpectedRevision,
    copiedAt?: string,
  ): Promise<AppendResult> {
    const eventIds = batch.map((event) => event.eventId);
    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.streams.tail(streamId, this.settings.window);
      const previous = await this.previousAppend(tail, eventIds);
      if (previous) return appendResultOf(streamId, previous, true);
      const head = tail[tail.length - 1];
      try {
        checkExpectedRevision(streamId, expected, head?.revision);
      } catch (conflict) {
        // A full window may hide older events; a shorter one is the whole stream.
        const older =
          tail.length === this.settings.window ? await this.olderAppend(tail, eventIds) : undefined;
        if (older) return appendResultOf(streamId, older, true);
        throw conflict;
      }
      try {
        return await this.write(streamId, batch, head, copiedAt);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.settings.attempts) {
          throw wrongExpectedRevisionFromClient(error, streamId, expected);
        }
      }
    }
  }

  private async write(
    streamId: string,
    batch: SerializedEvent[],
    head: StoredEvent | undefined,
    copiedAt: string | undefined,
  ): Promise<AppendResult> {
    let previousHash = head?.hash ?? GENESIS_HASH;
    const events = batch.map((event) => {
      previousHash = chainHashOfCanonical(previousHash, event.content);
      return toEventData(event, previousHash, copiedAt);
    });
    const expectedRevision = exactExpectationToClient(head?.revision);
    const written = await withDeadline(
      this.client.appendToStream(streamId, events, {
        expectedRevision,
        deadline: this.settings.deadlineMs,
      }),
      this.settings.deadlineMs,
      `an append to ${streamId}`,
    );
    if (!written.success) {
      const current =
        written.nextExpectedRevision < 0n ? 'no_stream' : written.nextExpectedRevision;
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected: expectedRevision,
        current,
      });
    }
    const last = revisionFromClient(written.nextExpectedRevision);
    const first = last - batch.length + 1;
    // The server answers an append it already holds (same ids) with the original revisions;
    // one that landed between our read and our write is indistinguishable, and counts as ours.
    const fresh = first === (head ? head.revision + 1 : 0);
    const stored = await this.streams.read(streamId, {
      fromRevision: first,
      maxCount: batch.length,
    });
    const again = previousAppendIn(
      stored,
      batch.map((event) => event.eventId),
    );
    if (!again) {
      throw new EventStoreDbMappingError(
        `EventStoreDB acknowledged ${streamId}@${last} but lacks it`,
      );
    }
    return appendResultOf(streamId, again, !fresh);
  }

  /**
   * A retry among the stream's latest events, or refused as a duplicate. When the window is
   * full, a batch whose later ids are in it may be a retry that began before it.
   */
  private async previousAppend(
    tail: StoredEvent[],
    eventIds: string[],
  ): Promise<StoredEvent[] | undefined> {
    try {
      return previousAppendIn(tail, eventIds);
    } catch (duplicate) {
      const firstSeen = tail.some((event) => event.eventId === eventIds[0]);
      if (tail.length < this.settings.window || firstSeen) throw duplicate;
      const older = await this.olderAppend(tail, eventIds);
      if (!older) throw duplicate;
      return older;
    }
  }

  /**
   * The stored append a batch repeats, found by its first event id in the pages older than
   * the window: bounded by the lookback, and read only on a conflict or a suspected retry.
   */
  private async olderAppend(
    tail: StoredEvent[],
    eventIds: string[],
  ): Promise<StoredEvent[] | undefined> {
    const [oldest] = tail;
    const head = tail[tail.length - 1];
    if (!oldest || !head) return undefined;
    for (const page of olderPages(
      oldest.revision,
      head.revision,
      this.settings.lookback,
      LOOKBACK_PAGE,
    )) {
      const events = await this.streams.read(oldest.streamId, { direction: 'backwards', ...page });
      const found = events.find((event) => event.eventId === eventIds[0]);
      if (found) {
        const stored = await this.streams.read(oldest.streamId, {
          fromRevision: found.revision,
          maxCount: eventIds.length,
        });
        return previousAppendIn(stored, eventIds);
      }
    }
    return undefined;
  }
}
