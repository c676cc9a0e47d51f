import type { StoredEvent, SubscriptionMessage } from './event-store.port';

const IMMEDIATE = Symbol('immediate');

/**
 * Groups a subscription's events into batches: everything that arrives without waiting (a
 * catch-up page, the events of one command) goes into one batch, up to `max`.
 */
export async function* inBatches(
  messages: AsyncIterable<SubscriptionMessage>,
  max: number,
): AsyncGenerator<StoredEvent[]> {
  const iterator = messages[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
  let batch: StoredEvent[] = [];
  for (;;) {
    pending ??= iterator.next();
    const next =
      batch.length === 0
        ? await pending
        : await Promise.race([
            pending,
            new Promise<typeof IMMEDIATE>((r) => setImmediate(r, IMMEDIATE)),
          ]);
    if (next === IMMEDIATE) {
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
    }
  }
}
