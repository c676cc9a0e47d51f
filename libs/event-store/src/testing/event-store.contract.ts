import { createHash, randomUUID } from 'node:crypto';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend, StoredEvent } from '../event-store.port';
import { GENESIS_HASH, HashChainVerifier } from '../hash-chain';
import type { JsonObject } from '../json';
import { collectSubscription, newEvent, newEvents, readStreamsAfter } from './contract-helpers';

/**
 * What an adapter provides to be held to the contract. The log may be shared with other tests
 * (an EventStoreDB server cannot be emptied), so every test writes to streams of its own and
 * reads the global log only after the head it saw when it began.
 */
export interface EventStoreContractSubject {
  /** A store handle on the log under test. */
  open(): Promise<EventStore>;
  /** Another, independent handle on the same log: a second connection, client or process. */
  openAnother(): Promise<EventStore>;
  /**
   * Changes a stored event's data behind the store's back, as an intruder with access to the
   * storage would. Left out by stores that cannot be edited at all (EventStoreDB).
   */
  tamper?(event: StoredEvent, data: JsonObject): Promise<void>;
  /** Closes every handle it opened. */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /** Why stored events cannot be edited in this store; skips the tampering test, saying so. */
  tamperingImpossible?: string;
}

export function describeEventStoreContract(
  adapter: string,
  makeSubject: () => EventStoreContractSubject,
  options: ContractOptions = {},
): void {
  describe(`event store contract: ${adapter}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;
    const stream = (category = 'claim') => `${category}-${randomUUID()}`;

    beforeEach(async () => {
      subject = makeSubject();
      store = await subject.open();
    });

    afterEach(async () => {
      await subject.dispose();
    });

    describe('appending and reading a stream', () => {
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

    describe('expected revisions', () => {
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
        expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(
          WrongExpectedRevisionError,
        );
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

    describe('batches', () => {
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
          await expect(
            store.append(id, events, { expectedRevision: 'any' }),
          ).rejects.toBeInstanceOf(InvalidAppendError);
        }
        expect(await store.headPosition()).toBe(head);
      });
    });

    describe('the global log', () => {
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

    describe('durability and retries', () => {
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

    describe('the hash chain', () => {
      it('chains each event to the previous one of its stream with SHA-256 (SPEC §4)', async () => {
        const streamId = stream();
        const { events } = await store.append(streamId, newEvents(3), {
          expectedRevision: 'no_stream',
        });
        let previous = GENESIS_HASH;
        for (const event of events) {
          const { hash: _hash, ...metadata } = event.metadata;
          const expected = createHash('sha256')
            .update(previous + canonicalForTest({ type: event.type, data: event.data, metadata }))
            .digest('hex');
          expect(event.hash).toBe(expected);
          previous = event.hash;
        }
        const verifier = new HashChainVerifier();
        (await store.readStream(streamId)).forEach((event) => verifier.check(event));
        expect(verifier.report()).toMatchObject({ ok: true, streams: 1, events: 3 });
      });

      const tamperTest = options.tamperingImpossible
        ? it.skip.bind(null, `detects an edited event (skipped: ${options.tamperingImpossible})`)
        : it.bind(null, 'detects an event whose data was edited in storage');
      tamperTest(async () => {
        const streamId = stream();
        const { events } = await store.append(
          streamId,
          newEvents(3, {}, { statement: '去年煤炭产量达到13.78亿吨' }),
          { expectedRevision: 'no_stream' },
        );
        await subject.tamper!(events[1]!, { statement: '去年煤炭产量达到31.78亿吨' });

        const verifier = new HashChainVerifier();
        (await store.readStream(streamId)).forEach((event) => verifier.check(event));
        const report = verifier.report();
        expect(report.ok).toBe(false);
        expect(report.broken).toEqual([
          expect.objectContaining({ streamId, revision: 1, reason: 'hash_mismatch' }),
        ]);
      });
    });

    describe('subscriptions', () => {
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
  });
}

/** An independent canonical JSON, so the chain test checks the SPEC and not the store's helper. */
function canonicalForTest(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalForTest).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalForTest(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
