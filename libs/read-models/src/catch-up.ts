import type { EventStore, StoredEvent } from '@marginalia/event-store';
import { type ReadModelChanges, ReadModelFold, type RowSource } from '@marginalia/projections';
import { BULK_BATCH_SIZE } from './bulk-load';
import type { ReadModelDatabase } from './read-model-database';

/** Where a batch of folded changes goes: the read models' file, or a bulk load. */
interface BatchTarget extends RowSource {
  write(changes: ReadModelChanges, from: number, to: number): void | Promise<void>;
}

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
  if (last) database.write(foldBatch(database, events), from, last.position);
}

function foldBatch(source: RowSource, events: readonly StoredEvent[]): ReadModelChanges {
  const fold = new ReadModelFold(source);
  for (const event of events) fold.apply(event);
  return fold.drain();
}

/**
 * Projects the log from the database's checkpoint up to `until` (default: the current head).
 * Another writer on the same file makes it fail with CheckpointMovedError rather than apply
 * anything twice. Into read models that hold nothing yet (checkpoint 0: a rebuild's new file,
 * an integrity check's), the whole projection is one bulk load (`BulkLoad`):
 * the same fold and the same rows, written to a new file that takes the empty one's place
 * when complete.
 */
export async function catchUp(
  store: Pick<EventStore, 'readAll'>,
  database: ReadModelDatabase,
  options: { until?: number; batchSize?: number } = {},
): Promise<{ position: number; events: number }> {
  const bulk = database.startBulkLoad();
  if (bulk) {
    let loaded: { position: number; events: number };
    try {
      loaded = await project(store, bulk, 0, { batchSize: BULK_BATCH_SIZE, ...options });
    } catch (error) {
      await bulk.abandon();
      throw error;
    }
    if (await bulk.finish()) return loaded;
    // Another connection has the file open: project into it where it is.
  }
  return project(store, database, database.checkpoint(), options);
}

async function project(
  store: Pick<EventStore, 'readAll'>,
  target: BatchTarget,
  from: number,
  options: { until?: number; batchSize?: number },
): Promise<{ position: number; events: number }> {
  const batchSize = options.batchSize ?? 2000;
  let position = from;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: batchSize });
    const batch =
      options.until === undefined ? page : page.filter((event) => event.position <= options.until!);
    const last = batch[batch.length - 1];
    if (last) await target.write(foldBatch(target, batch), position, last.position);
    events += batch.length;
    position = last?.position ?? position;
    if (batch.length < page.length || page.length < batchSize) return { position, events };
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
