import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  SqliteEventStore,
  verifyHashChains,
} from '@marginalia/event-store';
import { collectSubscription, newEvent, newEvents } from '@marginalia/event-store/testing';
import { makeTempDir } from '../support/temp-dir';
import type { AppendWorkerTask } from './fixtures/append-worker-main';

describe('the SQLite event log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}) => {
    const store = new SqliteEventStore({ file, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = makeTempDir();
    file = join(dir.path, 'events.db');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    dir.remove();
  });

  it('commits durably: write-ahead log with synchronous FULL', async () => {
    const health = await open().health();
    expect(health).toMatchObject({
      ok: true,
      kind: 'sqlite',
      headPosition: 0,
      detail: { journalMode: 'wal', synchronous: 'FULL' },
    });
  });

  it('numbers the log 1, 2, 3… with no gap left by refused or failed appends', async () => {
    const store = open();
    const taken = newEvent();
    await store.append(`claim-${randomUUID()}`, [taken], { expectedRevision: 'no_stream' });
    const streamId = `claim-${randomUUID()}`;
    await expect(store.append(streamId, newEvents(2), { expectedRevision: 3 })).rejects.toThrow(
      'expected',
    );
    // The third event reuses an id stored elsewhere: the insert itself fails mid-batch.
    await expect(
      store.append(streamId, [newEvent(), newEvent(), taken], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(streamId)).toEqual([]);

    await store.append(streamId, newEvents(3), { expectedRevision: 'no_stream' });
    const positions = (await store.readAll({ maxCount: 100 })).map((e) => e.position);
    expect(positions).toEqual([1, 2, 3, 4]);
  });

  it('refuses an event id already stored in another stream', async () => {
    const store = open();
    const event = newEvent();
    const original = `claim-${randomUUID()}`;
    await store.append(original, [event], { expectedRevision: 'no_stream' });
    const attempt = store.append(`claim-${randomUUID()}`, [event], { expectedRevision: 'any' });
    await expect(attempt).rejects.toMatchObject({
      code: 'duplicate_event_id',
      eventId: event.eventId,
      message: expect.stringContaining(`already stored in ${original}`),
    });
  });

  it('keeps recorded time in log order even when the clock steps back', async () => {
    let now = Date.parse('2024-03-08T02:29:15.000Z');
    const store = open({ clock: () => new Date(now) });
    await store.append(`article-${randomUUID()}`, [newEvent()], { expectedRevision: 'any' });
    now -= 60_000;
    await store.append(`article-${randomUUID()}`, [newEvent()], { expectedRevision: 'any' });
    const [first, second] = await store.readAll({ maxCount: 2 });
    expect(first!.recordedAt).toBe('2024-03-08T02:29:15.000Z');
    expect(second!.recordedAt).toBe('2024-03-08T02:29:15.000Z');
  });

  it('names every tampered stream and revision when the whole log is verified', async () => {
    const store = open();
    const claim = `claim-${randomUUID()}`;
    const article = `article-${randomUUID()}`;
    await store.append(article, newEvents(4), { expectedRevision: 'no_stream' });
    await store.append(claim, newEvents(3), { expectedRevision: 'no_stream' });
    expect(await verifyHashChains(store)).toEqual({ ok: true, streams: 2, events: 7, broken: [] });

    const intruder = new Database(file);
    intruder
      .prepare(`UPDATE events SET data = '{"index":99}' WHERE stream_id = ? AND revision = 2`)
      .run(claim);
    intruder.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(article);
    intruder.close();

    const report = await verifyHashChains(store);
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      expect.objectContaining({ streamId: article, revision: 2, reason: 'revision_gap' }),
      expect.objectContaining({ streamId: claim, revision: 2, reason: 'hash_mismatch' }),
    ]);
  });

  it.each([
    ['woken in process', false],
    ['woken through the file signal as well', true],
  ])(
    'does not poll while a subscriber waits, and wakes it on the next append (%s)',
    async (_name, crossProcessWakeups) => {
      const store = open({ crossProcessWakeups });
      const streamId = `claim-${randomUUID()}`;
      const controller = new AbortController();
      const subscription = collectSubscription(
        store.subscribeToAll({ after: 'end', signal: controller.signal }),
        [streamId],
      );
      await subscription.caughtUp;
      const idle = store.stats();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(store.stats().logReads).toBe(idle.logReads);

      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await subscription.until(1);
      expect(store.stats().logReads).toBeGreaterThan(idle.logReads);
      controller.abort();
      await subscription.ended;
    },
  );

  it('stays consistent with writers in other threads on the same file', async () => {
    const store = open();
    const sharedStream = `claim-${randomUUID()}`;
    const tasks: AppendWorkerTask[] = Array.from({ length: 4 }, () => ({
      file,
      ownStream: `article-${randomUUID()}`,
      sharedStream,
      appends: 40,
    }));
    const watched = [sharedStream, ...tasks.map((t) => t.ownStream)];
    const controller = new AbortController();
    const subscription = collectSubscription(
      store.subscribeToAll({ after: 0, signal: controller.signal }),
      watched,
    );

    const results = await Promise.all(tasks.map(runWorker));

    const all = await store.readAll({ maxCount: 10_000 });
    await subscription.until(all.length);
    controller.abort();
    await subscription.ended;

    // Every write of every thread is there once, positions are dense, the shared stream lost
    // no update, and the subscriber (woken across connections) saw exactly the log.
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    const shared = await store.readStream(sharedStream);
    expect(shared).toHaveLength(4 * 40);
    expect(shared.map((e) => e.revision)).toEqual(shared.map((_, i) => i));
    expect(results.reduce((sum, r) => sum + r.sharedWrites, 0)).toBe(shared.length);
    expect(subscription.all().map((e) => e.position)).toEqual(all.map((e) => e.position));
    expect((await verifyHashChains(store)).ok).toBe(true);
  }, 60_000);

  it('refuses a log written by a newer version of the program', () => {
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => open()).toThrow(EventStoreUnavailableError);
  });

  it('answers clearly once closed', async () => {
    const store = open();
    await store.close();
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});

function runWorker(task: AppendWorkerTask): Promise<{ sharedWrites: number; conflicts: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'fixtures', 'append-worker.js'), {
      workerData: task,
    });
    worker.once('message', (message: { ok: boolean; result?: never; error?: string }) => {
      if (message.ok) resolve(message.result!);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
}
