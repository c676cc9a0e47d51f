import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import {
  auditStoredLog,
  copyLog,
  type EventStore,
  iterateAll,
  LogTree,
  SqliteEventStore,
  sqliteCopyTarget,
  type StoredEvent,
  TreeFile,
} from '@marginalia/event-store';
import { verifyConsistency, verifyInclusion } from '@marginalia/verifiable-log';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import { describeEventStoreContract, newEvent, newEvents } from '@marginalia/event-store/testing';
import { makeTempDir } from '../support/temp-dir';

/**
 * The shared contract against a real EventStoreDB server, e.g.
 * EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm run test:eventstoredb
 * Every test writes to fresh streams, so the server need not be empty.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const skipped = 'skipped: EVENTSTORE_CONNECTION_STRING is not set';

async function everything(store: EventStore): Promise<Omit<StoredEvent, 'position'>[]> {
  const events: Omit<StoredEvent, 'position'>[] = [];
  for await (const { position: _position, ...event } of iterateAll(store)) events.push(event);
  return events;
}

/** The server's log followed into a tree file, as the server keeps it: its root and proofs. */
async function expectSameTreeFollowed(store: EventStore, dir: string, rootHash: string) {
  const file = new TreeFile(join(dir, 'log-tree.db'));
  try {
    const tree = new LogTree(store, file);
    await tree.catchUp();
    const { treeSize, rootHash: root } = tree.head();
    expect(root.toString('base64')).toBe(rootHash);
    const { leafHash, hashes } = tree.inclusion(3, treeSize);
    expect(verifyInclusion(3, treeSize, leafHash, hashes, root)).toBe(true);
    const proof = tree.consistency(2, treeSize);
    expect(verifyConsistency(2, treeSize, tree.rootAt(2), root, proof)).toBe(true);
    expect([...tree.leafIndexes(0, Number.MAX_SAFE_INTEGER).values()]).toEqual([0, 1, 2, 3, 4, 5]);
  } finally {
    file.close();
  }
}

if (connectionString) {
  // First in this file, so that on a fresh server (docker compose up eventstoredb) it meets
  // the empty log a migration needs; the contract below writes to fresh streams of its own.
  describe('migrating a SQLite log to EventStoreDB and back', () => {
    it('keeps order, event ids, metadata, hashes and recorded times both ways', async () => {
      const esdb = new EventStoreDbEventStore({ connectionString });
      const dir = makeTempDir('marginalia-esdb-migrate-');
      try {
        if ((await esdb.headPosition()) > 0) {
          console.warn('EventStoreDB migration test skipped: the server already holds events');
          return;
        }
        let tick = 0;
        const start = Date.parse('2024-03-08T02:29:15.000Z');
        const source = new SqliteEventStore({
          file: join(dir.path, 'source.db'),
          clock: () => new Date(start + 1000 * Math.floor(tick++ / 2)),
        });
        await source.append('claim-a', newEvents(3, { reason: '笔误' }), {
          expectedRevision: 'no_stream',
        });
        await source.append('article-x', [newEvent({ data: { text: '𠀋 👩‍👩‍👧 e\u0301' } })], {
          expectedRevision: 'no_stream',
        });
        await source.append('claim-a', newEvents(2), { expectedRevision: 2 });

        await copyLog(source, esdb.asCopyTarget());
        expect(await everything(esdb)).toEqual(await everything(source));

        const back = sqliteCopyTarget(join(dir.path, 'back.db'));
        await copyLog(esdb, back);
        expect(await everything(back.store)).toEqual(await everything(source));

        // SPEC §9: the same events give the same Merkle tree on either store.
        const audit = (store: EventStore, densePositions: boolean) =>
          auditStoredLog(store, { verifiers: [], checkpoints: [], densePositions });
        const sqliteTree = await audit(source, true);
        expect(sqliteTree).toMatchObject({ ok: true, treeSize: 6 });
        expect(await audit(esdb, false)).toEqual(sqliteTree);
        expect(await audit(back.store, true)).toEqual(sqliteTree);
        await expectSameTreeFollowed(esdb, dir.path, sqliteTree.rootHash);
        await source.close();
        await back.store.close();
      } finally {
        await esdb.close();
        dir.remove();
      }
    });
  });

  describeEventStoreContract(
    'EventStoreDB',
    () => {
      const handles: EventStore[] = [];
      const open = () => {
        const store = new EventStoreDbEventStore({ connectionString });
        handles.push(store);
        return Promise.resolve<EventStore>(store);
      };
      return {
        open,
        openAnother: open,
        async dispose() {
          for (const handle of handles.splice(0)) await handle.close();
        },
      };
    },
    { tamperingImpossible: 'EventStoreDB events are immutable to every client' },
  );

  describe('on a server shared with other programs', () => {
    it("skips their events in $all: the head, the log and a subscription hold Marginalia's only", async () => {
      const store = new EventStoreDbEventStore({ connectionString });
      const raw = EventStoreDBClient.connectionString(connectionString);
      const stop = new AbortController();
      try {
        const before = await store.headPosition();
        const stream = `other-program-${randomUUID()}`;
        // Another program's event: JSON data, no metadata (as a plain client appends).
        await raw.appendToStream(stream, jsonEvent({ type: 'SomethingHappened', data: { a: 1 } }));
        expect(await store.headPosition()).toBe(before);
        expect(await store.readAll({ after: before, maxCount: 10 })).toEqual([]);
        const ours = await store.append(`claim-${randomUUID()}`, newEvents(1), {
          expectedRevision: 'no_stream',
        });
        const seen: StoredEvent[] = [];
        for await (const message of store.subscribeToAll({ after: before, signal: stop.signal })) {
          if (message.kind === 'event') seen.push(message.event);
          if (message.kind === 'caught_up') break;
        }
        expect(seen.map((event) => event.eventId)).toEqual([ours.events[0]!.eventId]);
        expect(await store.headPosition()).toBe(ours.position);
      } finally {
        stop.abort();
        await raw.dispose();
        await store.close();
      }
    });
  });
} else {
  console.warn(`EventStoreDB event store contract ${skipped}; no server was contacted.`);
  describe('event store contract: EventStoreDB', () => {
    it.skip(skipped, () => undefined);
  });
  describe('migrating a SQLite log to EventStoreDB and back', () => {
    it.skip(skipped, () => undefined);
  });
}
