import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  EventToAppend,
  StoredEvent,
  SubscriptionMessage,
} from '../event-store.port';
import { iterateAll } from '../iterate-all';
import type { JsonObject } from '../json';

export function newEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'ClaimEdited',
    schemaVersion: 1,
    data: { statement: '去年煤炭产量达到13.78亿吨' },
    metadata: {
      occurredAt: '2024-03-08T02:29:15.000Z',
      actor: { sub: 'editor-1', roles: ['editor'] },
      correlationId: randomUUID(),
    },
    ...overrides,
  };
}

export function newEvents(
  count: number,
  metadata: JsonObject = {},
  data?: JsonObject,
): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => {
    const event = newEvent({ data: data ?? { index } });
    return { ...event, metadata: { ...event.metadata, ...metadata } };
  });
}

/** The events of the given streams recorded after `head`, in global order. */
export async function readStreamsAfter(
  store: EventStore,
  head: number,
  streams: string[],
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterateAll(store, { after: head, pageSize: 500 })) {
    if (streams.includes(event.streamId)) events.push(event);
  }
  return events;
}

export interface CollectedSubscription {
  caughtUp: Promise<void>;
  ended: Promise<void>;
  caughtUpCount(): number;
  /** Everything delivered so far for the watched streams. */
  all(): StoredEvent[];
  /** The first `count` events of the watched streams; fails after 10 s rather than hanging. */
  until(count: number): Promise<StoredEvent[]>;
}

/** Consumes a subscription in the background, keeping the events of the watched streams. */
export function collectSubscription(
  messages: AsyncIterable<SubscriptionMessage>,
  streams: string[],
): CollectedSubscription {
  const delivered: StoredEvent[] = [];
  const waiters: Array<() => void> = [];
  let caughtUpCount = 0;
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const ended = (async () => {
    for await (const message of messages) {
      if (message.kind === 'caught_up') {
        caughtUpCount += 1;
        markCaughtUp();
      } else if (streams.includes(message.event.streamId)) {
        delivered.push(message.event);
        waiters.splice(0).forEach((wake) => wake());
      }
    }
  })();

  return {
    caughtUp,
    ended,
    caughtUpCount: () => caughtUpCount,
    all: () => [...delivered],
    async until(count) {
      const deadline = Date.now() + 10_000;
      while (delivered.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`Subscription delivered ${delivered.length} of ${count} events in 10 s`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return delivered.slice(0, count);
    },
  };
}
