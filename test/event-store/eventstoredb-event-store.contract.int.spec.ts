import type { EventStore } from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import { describeEventStoreContract } from '@marginalia/event-store/testing';

/**
 * The shared contract against a real EventStoreDB server, e.g.
 * EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm run test:eventstoredb
 * Every test writes to fresh streams, so the server need not be empty.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const skipped = 'skipped: EVENTSTORE_CONNECTION_STRING is not set';

if (connectionString) {
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
}
