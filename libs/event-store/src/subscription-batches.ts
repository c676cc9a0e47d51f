import type { StoredEvent, SubscriptionMessage } from './event-store.port';

const IMMEDIATE = Symbol('immediate');

/**
 * Groups a subscription's events into batches: everything that arrives without waiting (a
 * catch-up page, the events of one command) goes into one batch, up to `max`.
 *
 * A batch ends when the next event does not arrive within the current turn of the event loop:
 * one marker per batch, set with setImmediate, is raced against the next event. A catch-up reads
 * SQLite synchronously, so its events all arrive in microtasks and the marker never fires while
 * it runs. So after a full batch the generator waits for the marker: the event loop turns (a
 * request, a /health probe is answered) between two batches, and each race's settled promise,
 * which the marker holds with its event until it fires, is let go. A marker per event, never
 * awaited, kept every event of a catch-up alive until its end: 100,000 small events overflowed
 * a 160 MB heap.
 */
export async function* inBatches(
  messages: AsyncIterable<SubscriptionMessage>,
  max: number,
): AsyncGenerator<StoredEvent[]> {
  const iterator = messages[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
  let turnEnd: Promise<typeof IMMEDIATE> | undefined;
  let batch: StoredEvent[] = [];
  for (;;) {
    pending ??= iterator.next();
    let next: IteratorResult<SubscriptionMessage> | typeof IMMEDIATE;
    if (batch.length === 0) {
      next = await pending;
    } else {
      turnEnd ??= new Promise((resolve) => setImmediate(resolve, IMMEDIATE));
      next = await Promise.race([pending, turnEnd]);
    }
    if (next === IMMEDIATE) {
      turnEnd = undefined;
      yield batch;
      batch = [];
      continue;
    }
    pending = undefined;
    if (next.done) {
      if (batch.length > 0) yield batch;
      return;
    }
    if (next.value.kind === 'event') batch.push(next.value.event);
    if ((next.value.kind !== 'event' && batch.length > 0) || batch.length >= max) {
      yield batch;
      batch = [];
      if (turnEnd) await turnEnd;
      turnEnd = undefined;
    }
  }
}
