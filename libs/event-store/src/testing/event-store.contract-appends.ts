import { InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend } from '../event-store.port';
import type { JsonObject } from '../json';
import { newEvent, newEvents, readStreamsAfter } from './contract-helpers';
import { stream, type ContractHandles, type EventStoreContractSubject } from './contract-subject';

/** Appends that say which revision they expect: the log's optimistic concurrency. */
export function describeExpectedRevisions(handles: ContractHandles): void {
  describe('expected revisions', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

    it('accepts no_stream only for a new stream', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const refusal = store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await expect(refusal).rejects.toMatchObject({
        constructor: WrongExpectedRevisionError,
        streamId,
        expected: 'no_stream',
        actual: 0,
      });
    });

    it('accepts stream_exists only for an existing stream', async () => {
      const streamId = stream();
      await expect(
        store.append(streamId, [newEvent()], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
      await store.append(streamId, [newEvent()], { expectedRevision: 'any' });
      const result = await store.append(streamId, [newEvent()], {
        expectedRevision: 'stream_exists',
      });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('accepts an exact revision only when it is the last one, naming both on refusal', async () => {
      const streamId = stream();
      await store.append(streamId, newEvents(2), { expectedRevision: 'no_stream' });
      const result = await store.append(streamId, [newEvent()], { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(2);

      const stale = store.append(streamId, [newEvent()], { expectedRevision: 1 });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(stale).rejects.toMatchObject({ expected: 1, actual: 2 });
      await expect(
        store.append(stream(), [newEvent()], { expectedRevision: 0 }),
      ).rejects.toMatchObject({ expected: 0, actual: 'no_stream' });
    });

    it('accepts any revision with any', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent()], { expectedRevision: 'any' });
      const result = await store.append(streamId, [newEvent()], { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('refuses an expected revision that is not a revision', async () => {
      for (const expectedRevision of [-1, 1.5, Number.NaN, 'latest']) {
        await expect(
          store.append(stream(), [newEvent()], { expectedRevision: expectedRevision as never }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
      }
    });

    it('lets exactly one of two writers with the same expected revision win', async () => {
      const other = await subject.openAnother();
      const streamId = stream();
      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const first = newEvent({ type: 'FirstWriterWrote' });
      const second = newEvent({ type: 'SecondWriterWrote' });

      const outcomes = await Promise.allSettled([
        store.append(streamId, [first], { expectedRevision: 0 }),
        other.append(streamId, [second], { expectedRevision: 0 }),
      ]);

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      const events = await store.readStream(streamId);
      expect(events).toHaveLength(2);
      const winner = outcomes[0].status === 'fulfilled' ? first : second;
      expect(events[1]!.eventId).toBe(winner.eventId);
    });

    it('loses no update when many writers race on one stream and retry on conflict', async () => {
      const handles = [store, await subject.openAnother(), await subject.openAnother()];
      const streamId = stream();
      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const writes = 30;

      await Promise.all(
        Array.from({ length: writes }, async (_, writer) => {
          const handle = handles[writer % handles.length]!;
          for (;;) {
            const revision = (await handle.streamRevision(streamId))!;
            try {
              await handle.append(streamId, [newEvent({ data: { writer } })], {
                expectedRevision: revision,
              });
              return;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
        }),
      );

      const events = await store.readStream(streamId);
      expect(events).toHaveLength(writes + 1);
      const writers = events.slice(1).map((e) => e.data.writer);
      expect(new Set(writers).size).toBe(writes);
    });
  });
}

/** A batch is stored whole or not at all. */
export function describeBatches(handles: ContractHandles): void {
  describe('batches', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

    it('writes nothing of a batch refused for its expected revision', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      await expect(
        store.append(streamId, newEvents(3), { expectedRevision: 5 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(streamId)).toHaveLength(1);
      expect(await readStreamsAfter(store, head, [streamId])).toEqual([]);
    });

    it('writes nothing of a batch with one event that cannot be stored', async () => {
      const streamId = stream();
      const head = await store.headPosition();
      const batch = [newEvent(), newEvent(), newEvent({ data: { score: Number.NaN } })];
      await expect(
        store.append(streamId, batch, { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.readStream(streamId)).toEqual([]);
      expect(await readStreamsAfter(store, head, [streamId])).toEqual([]);
    });

    it('never shows a reader part of a batch', async () => {
      const other = await subject.openAnother();
      const streamId = stream();
      const batchSize = 5;
      let writing = true;
      const sizesSeen = new Set<number>();
      const reader = (async () => {
        while (writing) {
          sizesSeen.add((await other.readStream(streamId)).length);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      for (let batch = 0; batch < 20; batch += 1) {
        await store.append(streamId, newEvents(batchSize), { expectedRevision: 'any' });
        await new Promise((resolve) => setImmediate(resolve));
      }
      writing = false;
      await reader;
      for (const size of sizesSeen) expect(size % batchSize).toBe(0);
      expect(await store.readStream(streamId)).toHaveLength(20 * batchSize);
    });

    it('refuses malformed appends before writing anything', async () => {
      const streamId = stream();
      const head = await store.headPosition();
      const bad: Array<[string, EventToAppend[]]> = [
        ['', [newEvent()]],
        ['has space', [newEvent()]],
        [streamId, []],
        [streamId, [{ ...newEvent(), eventId: 'not-a-uuid' }]],
        [streamId, [{ ...newEvent(), type: '' }]],
        [streamId, [{ ...newEvent(), schemaVersion: 0 }]],
        [streamId, [{ ...newEvent(), data: [] as unknown as JsonObject }]],
        [streamId, [{ ...newEvent(), metadata: { hash: 'forged' } }]],
        [streamId, [{ ...newEvent(), data: { when: new Date() as unknown as string } }]],
      ];
      const duplicate = newEvent();
      bad.push([streamId, [duplicate, duplicate]]);
      for (const [id, events] of bad) {
        await expect(store.append(id, events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
      }
      expect(await store.headPosition()).toBe(head);
    });
  });
}
