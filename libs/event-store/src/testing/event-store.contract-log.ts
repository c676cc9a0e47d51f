import type { EventStore, StoredEvent } from '../event-store.port';
import { collectSubscription, newEvent, newEvents, readStreamsAfter } from './contract-helpers';
import { stream, type ContractHandles, type EventStoreContractSubject } from './contract-subject';

/** Every event in one order, which readers follow without gaps. */
export function describeGlobalLog(handles: ContractHandles): void {
  describe('the global log', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

    it('orders every event by a strictly increasing global position', async () => {
      const head = await store.headPosition();
      const streams = [stream('article'), stream('claim'), stream('correction')];
      for (let round = 0; round < 4; round += 1) {
        for (const streamId of streams) {
          await store.append(streamId, newEvents(2), { expectedRevision: 'any' });
        }
      }
      const events = await readStreamsAfter(store, head, streams);
      expect(events).toHaveLength(24);
      for (let i = 1; i < events.length; i += 1) {
        expect(events[i]!.position).toBeGreaterThan(events[i - 1]!.position);
        expect(Date.parse(events[i]!.recordedAt)).toBeGreaterThanOrEqual(
          Date.parse(events[i - 1]!.recordedAt),
        );
      }
      expect(events.map((e) => e.streamId).slice(0, 6)).toEqual([
        streams[0],
        streams[0],
        streams[1],
        streams[1],
        streams[2],
        streams[2],
      ]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(events[23]!.position);
    });

    it('pages through the log from an exclusive position', async () => {
      const head = await store.headPosition();
      const streamId = stream();
      await store.append(streamId, newEvents(5), { expectedRevision: 'no_stream' });
      const [first, second] = await store.readAll({ after: head, maxCount: 2 });
      const page = await store.readAll({ after: second!.position, maxCount: 100 });
      expect(first!.position).toBeGreaterThan(head);
      expect(page.every((e) => e.position > second!.position)).toBe(true);
      const ours = [first!, second!, ...page].filter((e) => e.streamId === streamId);
      expect(ours.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('shows readers no gaps: a reader following the log misses nothing written meanwhile', async () => {
      const handles = [store, await subject.openAnother()];
      const head = await store.headPosition();
      const streams = Array.from({ length: 6 }, () => stream());
      let writing = true;
      const followed: StoredEvent[] = [];
      const follower = (async () => {
        let after = head;
        for (;;) {
          const done = !writing;
          const page = await handles[1]!.readAll({ after, maxCount: 50 });
          followed.push(...page);
          if (page.length > 0) after = page[page.length - 1]!.position;
          else if (done) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await Promise.all(
        streams.map(async (streamId, index) => {
          for (let i = 0; i < 10; i += 1) {
            await handles[index % 2]!.append(streamId, newEvents(1 + (i % 3)), {
              expectedRevision: 'any',
            });
          }
        }),
      );
      writing = false;
      await follower;

      const written = await readStreamsAfter(store, head, streams);
      const ours = followed.filter((e) => streams.includes(e.streamId));
      expect(ours.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
      const positions = followed.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });
  });
}

/** Following the log: caught up first, then live. */
export function describeSubscriptions(handles: ContractHandles): void {
  describe('subscriptions', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

    it('delivers every event exactly once, in order, across the catch-up to live hand-over', async () => {
      const other = await subject.openAnother();
      const head = await store.headPosition();
      const streams = [stream(), stream()];
      await store.append(streams[0]!, newEvents(30), { expectedRevision: 'no_stream' });

      const controller = new AbortController();
      const subscription = collectSubscription(
        store.subscribeToAll({ after: head, signal: controller.signal, batchSize: 7 }),
        streams,
      );
      // Writes that land while the subscription is still catching up, then after it is live.
      const duringCatchUp = other.append(streams[1]!, newEvents(5), { expectedRevision: 'any' });
      await duringCatchUp;
      await subscription.caughtUp;
      for (let i = 0; i < 5; i += 1) {
        await other.append(streams[i % 2]!, newEvents(3), { expectedRevision: 'any' });
      }
      await subscription.until(50);
      controller.abort();
      await subscription.ended;

      const delivered = subscription.all();
      const written = await readStreamsAfter(store, head, streams);
      expect(written).toHaveLength(50);
      expect(delivered.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
      expect(subscription.caughtUpCount()).toBe(1);
    });

    it('resumes after a checkpoint without repeating what came before it', async () => {
      const streamId = stream();
      const { events } = await store.append(streamId, newEvents(6), {
        expectedRevision: 'no_stream',
      });
      const controller = new AbortController();
      const subscription = collectSubscription(
        store.subscribeToAll({ after: events[3]!.position, signal: controller.signal }),
        [streamId],
      );
      await subscription.until(2);
      controller.abort();
      await subscription.ended;
      expect(subscription.all().map((e) => e.revision)).toEqual([4, 5]);
    });

    it('starts at the end of the log when asked to, and wakes for new events', async () => {
      const streamId = stream();
      await store.append(streamId, newEvents(3), { expectedRevision: 'no_stream' });
      const controller = new AbortController();
      const subscription = collectSubscription(
        store.subscribeToAll({ after: 'end', signal: controller.signal }),
        [streamId],
      );
      await subscription.caughtUp;
      await store.append(streamId, [newEvent({ type: 'ClaimAssigned' })], {
        expectedRevision: 2,
      });
      const delivered = await subscription.until(1);
      controller.abort();
      await subscription.ended;
      expect(delivered.map((e) => [e.revision, e.type])).toEqual([[3, 'ClaimAssigned']]);
    });

    it('ends promptly when aborted while waiting for new events', async () => {
      const controller = new AbortController();
      const subscription = collectSubscription(
        store.subscribeToAll({ after: 'end', signal: controller.signal }),
        [],
      );
      await subscription.caughtUp;
      controller.abort();
      await expect(subscription.ended).resolves.toBeUndefined();
    });
  });
}
