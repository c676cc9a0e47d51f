import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { inBatches } from './subscription-batches';
import { newEvents } from './testing/contract-helpers';

describe('inBatches over a real SQLite log', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-batches-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db'), crossProcessWakeups: false });
    for (let stream = 0; stream < 5; stream += 1) {
      await store.append(`batch-${stream}`, newEvents(100), { expectedRevision: 'no_stream' });
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a catch-up in full batches, in order, then a live append as its own batch', async () => {
    const stop = new AbortController();
    const batches = inBatches(store.subscribeToAll({ signal: stop.signal, batchSize: 100 }), 120);
    const sizes: number[] = [];
    let last = 0;
    for await (const batch of batches) {
      expect(batch[0]!.position).toBe(last + 1);
      last = batch[batch.length - 1]!.position;
      sizes.push(batch.length);
      if (last === 500) await store.append('batch-live', newEvents(3), { expectedRevision: 'any' });
      if (last === 503) break;
    }
    stop.abort();
    expect(sizes).toEqual([120, 120, 120, 120, 20, 3]);
  });

  it('lets the event loop turn between two full batches of a catch-up', async () => {
    // SQLite reads synchronously: without a turn between batches a catch-up runs in one chain of
    // microtasks, answering no request until its end and holding every event it read meanwhile.
    const stop = new AbortController();
    const seenWhenTurned: number[] = [];
    let delivered = 0;
    const turn = () => {
      seenWhenTurned.push(delivered);
      if (delivered < 500) setImmediate(turn);
    };
    setImmediate(turn);
    for await (const batch of inBatches(store.subscribeToAll({ signal: stop.signal }), 100)) {
      delivered += batch.length;
      if (delivered === 500) break;
    }
    stop.abort();
    // The loop turned before the second batch, and again between every later pair.
    expect(seenWhenTurned.slice(0, 4)).toEqual([100, 200, 300, 400]);
  });
});
