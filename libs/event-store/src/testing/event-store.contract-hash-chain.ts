import { createHash } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { GENESIS_HASH, HashChainVerifier } from '../hash-chain';
import { newEvents } from './contract-helpers';
import {
  stream,
  type ContractHandles,
  type ContractOptions,
  type EventStoreContractSubject,
} from './contract-subject';

/** Each event chained to the previous one of its stream (SPEC §4). */
export function describeHashChain(handles: ContractHandles, options: ContractOptions): void {
  describe('the hash chain', () => {
    let store: EventStore;
    let subject: EventStoreContractSubject;
    beforeEach(() => ({ store, subject } = handles));

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
