import { DuplicateEventIdError } from '../errors';
import type { StoredEvent } from '../event-store.port';

/**
 * What a stream's events, oldest first and ending at its head, say about a batch about to be
 * appended: undefined for a fresh batch, the stored events when the batch is a retry of an
 * append whose first event id is among them. A batch that repeats stored ids otherwise is
 * refused, as the port requires.
 */
export function previousAppendIn(
  tail: readonly StoredEvent[],
  eventIds: readonly string[],
): StoredEvent[] | undefined {
  const first = tail.findIndex((event) => event.eventId === eventIds[0]);
  if (first >= 0) {
    const stored = tail.slice(first, first + eventIds.length);
    const sameBatch =
      stored.length === eventIds.length &&
      stored.every((event, index) => event.eventId === eventIds[index]);
    if (!sameBatch) {
      throw new DuplicateEventIdError(
        eventIds[0]!,
        'is already stored, but not as part of the same batch',
      );
    }
    return stored;
  }
  const stored = new Set(tail.map((event) => event.eventId));
  const repeated = eventIds.find((eventId) => stored.has(eventId));
  if (repeated !== undefined) {
    throw new DuplicateEventIdError(repeated, `is already stored in ${tail[0]!.streamId}`);
  }
  return undefined;
}

/** Revisions of the older pages a conflict scan reads, newest first, within the lookback. */
export function olderPages(
  oldestChecked: number,
  head: number,
  lookback: number,
  pageSize: number,
): Array<{ fromRevision: number; maxCount: number }> {
  const floor = Math.max(0, head - lookback + 1);
  const pages: Array<{ fromRevision: number; maxCount: number }> = [];
  for (let top = oldestChecked - 1; top >= floor; top -= pageSize) {
    pages.push({ fromRevision: top, maxCount: Math.min(pageSize, top - floor + 1) });
  }
  return pages;
}
