import type { EventStore, StoredEvent, SubscriptionMessage } from '@marginalia/event-store';
import { ReadModelFold } from '@marginalia/projections';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Folds a batch of events, read after checkpoint `from`, into the read models and moves the
 * checkpoint past it, atomically (CheckpointMovedError if another writer moved it meanwhile).
 */
export function applyBatch(
  database: ReadModelDatabase,
  events: readonly StoredEvent[],
  from: number = database.checkpoint(),
): void {
  const last = events[events.length - 1];
  if (!last) return;
  const fold = new ReadModelFold(database);
  for (const event of events) fold.apply(event);
  database.write(fold.drain(), from, last.position);
}

/**
 * Projects the log from the database's checkpoint up to `until` (default: the current head).
 * Another writer on the same file makes it fail with CheckpointMovedError rather than apply
 * anything twice.
 */
export async function catchUp(
  store: Pick<EventStore, 'readAll'>,
  database: ReadModelDatabase,
  options: { until?: number; batchSize?: number } = {},
): Promise<{ position: number; events: number }> {
  const batchSize = options.batchSize ?? 2000;
  let position = database.checkpoint();
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: batchSize });
    const batch =
      options.until === undefined ? page : page.filter((event) => event.position <= options.until!);
    applyBatch(database, batch, position);
    events += batch.length;
    position = batch[batch.length - 1]?.position ?? position;
    if (batch.length < page.length || page.length < batchSize) return { position, events };
  }
}

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

/** Empties the read models and projects the whole log again, in place (the CLI's rebuild). */
export async function rebuildInPlace(
  store: Pick<EventStore, 'readAll'>,
  database: ReadModelDatabase,
): Promise<{ position: number; events: number }> {
  database.reset();
  return catchUp(store, database);
}
