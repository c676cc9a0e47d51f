import {
  BACKWARDS,
  END,
  FORWARDS,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import { alignedStart, isUnalignedRead } from './aligned-start';
import { readToEnd } from './deadline';
import { isMarginaliaEvent, positionToClient, toStoredEvent } from './mapping';

const PAGE_MIN = 64;
const PAGE_MAX = 1024;

/**
 * Reads `$all`, which also holds the server's own records (statistics, projections' links,
 * stream metadata) and, on a server shared with other programs, their events: only
 * Marginalia's are read (`isMarginaliaEvent`), so a page of the port may take several reads.
 */
export class AllReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly deadlineMs: number,
  ) {}

  /**
   * The events after `after`, exclusive. A forward read of `$all` from a position includes
   * the record at that position; every record at or before it is skipped.
   */
  async readAfter(after: number, maxCount: number): Promise<StoredEvent[]> {
    if (maxCount <= 0) return [];
    const pageSize = Math.min(Math.max(maxCount + 1, PAGE_MIN), PAGE_MAX);
    const events: StoredEvent[] = [];
    let from: ReadPosition = positionToClient(after);
    let floor = BigInt(after);
    for (let first = true; ; first = false) {
      let page: AllStreamResolvedEvent[];
      try {
        page = await this.page(from, FORWARDS, pageSize);
      } catch (error) {
        // `after` starts no record (alignedStart says why that is allowed): start at one.
        if (!first || after === 0 || !isUnalignedRead(error)) throw error;
        from = await this.startAfter(after);
        continue;
      }
      for (const { event } of page) {
        if (!event || event.position.commit <= floor) continue;
        floor = event.position.commit;
        from = event.position;
        if (!isMarginaliaEvent(event)) continue;
        events.push(toStoredEvent(event));
        if (events.length === maxCount) return events;
      }
      if (page.length < pageSize) return events;
    }
  }

  /** A position from which `$all` may be read or followed for the records after `after`. */
  startAfter(after: number): Promise<ReadPosition> {
    return alignedStart(after, (from, direction, maxCount) => this.page(from, direction, maxCount));
  }

  /**
   * The position of the last event that is not the server's own, or 0. Pages grow from a few
   * records, since the head is usually among the last ones.
   */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (let pageSize = PAGE_MIN / 2; ; pageSize = Math.min(pageSize * 4, PAGE_MAX)) {
      const page = await this.page(from, BACKWARDS, pageSize);
      const last = page.find(({ event }) => event && isMarginaliaEvent(event))?.event;
      if (last) return toStoredEvent(last).position;
      const oldest: Position | undefined = page[page.length - 1]?.event?.position;
      if (page.length < pageSize || !oldest) return 0;
      // A backward read from a position starts before it, so the next page has older records.
      from = oldest;
    }
  }

  private page(
    fromPosition: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    return readToEnd(
      this.client.readAll({
        fromPosition,
        direction,
        maxCount,
        resolveLinkTos: false,
        requiresLeader: true,
      }),
      this.deadlineMs,
      'a read of $all',
    );
  }
}
