import { join } from 'node:path';
import {
  copyLog,
  type EventStore,
  iterateAll,
  SqliteEventStore,
  sqliteCopyTarget,
  type StoredEvent,
} from '@marginalia/event-store';
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
} else {
  console.warn(`EventStoreDB event store contract ${skipped}; no server was contacted.`);
  describe('event store contract: EventStoreDB', () => {
    it.skip(skipped, () => undefined);
  });
  describe('migrating a SQLite log to EventStoreDB and back', () => {
    it.skip(skipped, () => undefined);
  });
}
