import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import { newEvent, newEvents } from '../testing/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

/*
 * Appends that arrive together are committed together: one write transaction, one fsync, each
 * append in a savepoint of its own so that it succeeds or fails alone.
 */
describe('the SQLite event log, committing appends in groups', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-group-commit-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db'), groupCommit: true });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits appends made in the same turn of the event loop once, each with its own outcome', async () => {
    const taken = newEvent();
    await store.append(`claim-${randomUUID()}`, [taken], { expectedRevision: 'no_stream' });
    const before = store.stats();
    const shared = `claim-${randomUUID()}`;
    const outcomes = await Promise.allSettled([
      store.append(shared, newEvents(2), { expectedRevision: 'no_stream' }),
      // Loses to the append before it in the same group.
      store.append(shared, newEvents(1), { expectedRevision: 'no_stream' }),
      // Fails on its third insert: the two before it are rolled back with it.
      store.append(`claim-${randomUUID()}`, [newEvent(), newEvent(), taken], {
        expectedRevision: 'any',
      }),
      store.append(shared, newEvents(1), { expectedRevision: 1 }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(store.stats().commits - before.commits).toBe(1);
    expect(store.stats().appends - before.appends).toBe(2);
    const log = await store.readAll({ maxCount: 100 });
    expect(log.map((event) => [event.position, event.streamId, event.revision])).toEqual([
      [1, expect.any(String), 0],
      [2, shared, 0],
      [3, shared, 1],
      [4, shared, 2],
    ]);
  });

  it('answers an append only after its group is committed', async () => {
    const streamId = `claim-${randomUUID()}`;
    const appended = store.append(streamId, newEvents(1), { expectedRevision: 'no_stream' });
    expect(await store.headPosition()).toBe(0);
    await appended;
    expect(await store.headPosition()).toBe(1);
  });

  it('commits what was asked for before it closes', async () => {
    const file = join(dir, 'events.db');
    const streamId = `claim-${randomUUID()}`;
    const appended = store.append(streamId, newEvents(3), { expectedRevision: 'no_stream' });
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 2 });
    store = new SqliteEventStore({ file });
    expect(await store.readStream(streamId)).toHaveLength(3);
  });

  it('commits each append at once, before its call returns, unless asked to group them', async () => {
    const file = join(dir, 'events.db');
    await store.close();
    store = new SqliteEventStore({ file });
    const before = store.stats();
    const appended = [1, 2, 3].map(() =>
      store.append(`claim-${randomUUID()}`, newEvents(1), { expectedRevision: 'no_stream' }),
    );
    expect(await store.headPosition()).toBe(3);
    await Promise.all(appended);
    expect(store.stats().commits - before.commits).toBe(3);
  });
});
