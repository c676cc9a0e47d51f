import {
  excludeSystemEvents,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import type { StoredEvent, SubscriptionMessage } from '../event-store.port';
import { pause } from './deadline';
import { liveEvents } from './live-events';
import {
  fromClientError,
  isMarginaliaEvent,
  isTransient,
  positionToClient,
  toStoredEvent,
} from './mapping';

export interface AllSubscriptionSource {
  client: EventStoreDBClient;
  readAfter(after: number, maxCount: number): Promise<StoredEvent[]>;
  /** Where `$all` may be followed from for the records after `after` (see alignedStart). */
  startAfter(after: number): Promise<ReadPosition>;
  /** First wait before resubscribing after a dropped connection; it doubles up to 5 s. */
  resubscribeDelayMs: number;
}

const MAX_RESUBSCRIBE_DELAY_MS = 5000;

/**
 * Catches up with reads of `$all` in pages of `batchSize`, announces `caught_up` once a page
 * comes back short, then follows a server-side catch-up subscription from the last delivered
 * position. The announcement is the adapter's own rather than the client's `caughtUp` event:
 * that one is emitted while events before it may still sit in the stream's buffer, and
 * servers before 23.10 never send it. After a transient failure it resumes, after a pause,
 * from the last delivered position; positions that do not move forward are never delivered,
 * so every event arrives once and in order.
 */
export async function* subscribeToAllFrom(
  source: AllSubscriptionSource,
  start: number,
  batchSize: number,
  stop: AbortSignal,
): AsyncGenerator<SubscriptionMessage> {
  let position = start;
  let caughtUp = false;
  let delay = source.resubscribeDelayMs;
  while (!stop.aborted) {
    try {
      for (;;) {
        const page = await source.readAfter(position, batchSize);
        for (const event of page) {
          if (stop.aborted) return;
          yield { kind: 'event', event };
          position = event.position;
        }
        if (page.length < batchSize) break;
      }
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught_up', position };
      }
      // A delivered event's position starts a record; `start` may not (any number is allowed).
      const fromPosition =
        position === start && start > 0
          ? await source.startAfter(position)
          : positionToClient(position);
      const subscription = source.client.subscribeToAll({
        fromPosition,
        filter: excludeSystemEvents(),
        resolveLinkTos: false,
      });
      for await (const { event: recorded } of liveEvents(subscription, stop)) {
        if (!recorded || !isMarginaliaEvent(recorded)) continue;
        const event = toStoredEvent(recorded);
        if (event.position <= position) continue;
        yield { kind: 'event', event };
        position = event.position;
        delay = source.resubscribeDelayMs;
      }
    } catch (error) {
      const mapped = fromClientError(error, 'a subscription to $all');
      if (stop.aborted) return;
      if (!isTransient(mapped)) throw mapped;
      await pause(delay, stop);
      delay = Math.min(delay * 2, MAX_RESUBSCRIBE_DELAY_MS);
    }
  }
}
