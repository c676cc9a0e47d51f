import { DuplicateEventIdError } from '../errors';
import type { EventStore } from '../event-store.port';
import { newEvent, newEvents } from './contract-helpers';
import {
  stream,
  type ContractHandles,
  type ContractOptions,
  type EventStoreContractSubject,
} from './contract-subject';
import { describeBatches, describeExpectedRevisions } from './event-store.contract-appends';
import { describeHashChain } from './event-store.contract-hash-chain';
import { describeGlobalLog, describeSubscriptions } from './event-store.contract-log';

export type { ContractOptions, EventStoreContractSubject } from './contract-subject';

/**
 * The behaviour every event store adapter shares, held against one adapter. The topics live
 * beside this file (event-store.contract-*.ts); they run in this order.
 */
export function describeEventStoreContract(
  adapter: string,
  makeSubject: () => EventStoreContractSubject,
  options: ContractOptions = {},
): void {
  describe(`event store contract: ${adapter}`, () => {
    const handles = {} as ContractHandles;

    beforeEach(async () => {
      handles.subject = makeSubject();
      handles.store = await handles.subject.open();
    });

    afterEach(async () => {
      await handles.subject.dispose();
    });

    describeAppendingAndReading(handles);
    describeExpectedRevisions(handles);
    describeBatches(handles);
    describeGlobalLog(handles);
    describeDurabilityAndRetries(handles);
    describeHashChain(handles, options);
    describeSubscriptions(handles);
  });
}

/** Stored events read back as they were written. */
export function describeAppendingAndReading(handles: ContractHandles): void {
  describe('appending and reading a stream', () => {
    let store: EventStore;
    beforeEach(() => ({ store } = handles));

    it('stores a batch with its envelope and reads it back in order', async () => {
      const streamId = stream();
      const events = newEvents(3, { actor: { sub: 'u-1', roles: ['editor'] } });
      const result = await store.append(streamId, events, { expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(2);
      expect(result.alreadyStored).toBe(false);
      const read = await store.readStream(streamId);
      expect(read).toEqual(result.events);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(result.position).toBe(read[2]!.position);
      read.forEach((stored, index) => {
        expect(stored.streamId).toBe(streamId);
        expect(stored.type).toBe(events[index]!.type);
        expect(stored.schemaVersion).toBe(events[index]!.schemaVersion);
        expect(stored.data).toEqual(events[index]!.data);
        expect(stored.metadata).toEqual({
          ...events[index]!.metadata,
          eventId: stored.eventId,
          schemaVersion: stored.schemaVersion,
          hash: stored.hash,
        });
        expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
      });
    });

    it('keeps text exactly: CJK Extension B, emoji sequences, combining marks, escapes', async () => {
      const streamId = stream();
      const text = '𠀾 陽泉 👩🏽‍💻 é\u00a0"quoted"\\ \n\t\u2028 \u0000 end';
      const event = newEvent({ data: { text, nested: { list: [1, -0.5, 1e21, true, null] } } });
      await store.append(streamId, [event], { expectedRevision: 'no_stream' });
      const [stored] = await store.readStream(streamId);
      expect(stored!.data).toEqual({ text, nested: { list: [1, -0.5, 1e21, true, null] } });
    });

    it('reads a stream backwards, and from a revision with a maximum count', async () => {
      const streamId = stream();
      await store.append(streamId, newEvents(5), { expectedRevision: 'no_stream' });

      const backwards = await store.readStream(streamId, { direction: 'backwards' });
      expect(backwards.map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
      const middle = await store.readStream(streamId, { fromRevision: 1, maxCount: 2 });
      expect(middle.map((e) => e.revision)).toEqual([1, 2]);
      const last = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      expect(last.map((e) => e.revision)).toEqual([4]);
      const before = await store.readStream(streamId, {
        direction: 'backwards',
        fromRevision: 2,
        maxCount: 2,
      });
      expect(before.map((e) => e.revision)).toEqual([2, 1]);
      expect(await store.streamRevision(streamId)).toBe(4);
    });

    it('reads a stream that does not exist as empty', async () => {
      const streamId = stream();
      expect(await store.readStream(streamId)).toEqual([]);
      expect(await store.streamRevision(streamId)).toBeUndefined();
    });
  });
}

/** What survives a reopening, and a retried append answered without storing it twice. */
export function describeDurabilityAndRetries(handles: ContractHandles): void {
  describe('durability and retries', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

    it('reads the same events after the store is closed and opened again', async () => {
      const streamId = stream();
      const { events } = await store.append(streamId, newEvents(3), {
        expectedRevision: 'no_stream',
      });
      await store.close();
      const reopened = await subject.openAnother();
      expect(await reopened.readStream(streamId)).toEqual(events);
      const next = await reopened.append(streamId, [newEvent()], { expectedRevision: 2 });
      expect(next.nextExpectedRevision).toBe(3);
    });

    it('answers a retried append with the original result and stores nothing twice', async () => {
      const streamId = stream();
      const batch = newEvents(2);
      const original = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
      await store.append(streamId, [newEvent()], { expectedRevision: 1 });
      const head = await store.headPosition();

      const retried = await store.append(streamId, batch, { expectedRevision: 'no_stream' });

      expect(retried.alreadyStored).toBe(true);
      expect(retried.nextExpectedRevision).toBe(original.nextExpectedRevision);
      expect(retried.position).toBe(original.position);
      expect(retried.events).toEqual(original.events);
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('refuses a batch that repeats only part of a stored append', async () => {
      const streamId = stream();
      const batch = newEvents(2);
      await store.append(streamId, batch, { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      await expect(
        store.append(streamId, [batch[0]!, newEvent()], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.headPosition()).toBe(head);
    });
  });
}
