import {
  AccessDeniedError,
  ANY,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type EventData,
} from '@eventstore/db-client';
import { convertGrpcRecord } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { serializeAppend } from '../append-preparation';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import { GENESIS_HASH, HashChainVerifier, chainHashOfCanonical } from '../hash-chain';
import { newEvents } from '../testing/contract-helpers';
import {
  connectionTarget,
  EventStoreDbMappingError,
  exactExpectationToClient,
  expectedRevisionFromClient,
  expectedRevisionToClient,
  fromClientError,
  isMarginaliaEvent,
  isSystemEvent,
  isTransient,
  positionFromClient,
  positionToClient,
  revisionFromClient,
  revisionToClient,
  toEventData,
  toStoredEvent,
  wrongExpectedRevisionFromClient,
  type RecordedEventLike,
} from './mapping';

const UNSAFE = BigInt(Number.MAX_SAFE_INTEGER) + 1n;

/** What the client decodes after the server stored `event` as the client's append sent it. */
function asRecordedByServer(
  streamId: string,
  revision: number,
  position: bigint,
  createdMs: number,
  event: EventData,
): RecordedEventLike {
  const id = new UUID();
  id.setString(event.id);
  const stream = new StreamIdentifier();
  stream.setStreamName(Buffer.from(streamId, 'utf8'));
  const record = new ReadResp.ReadEvent.RecordedEvent();
  record.setId(id);
  record.setStreamIdentifier(stream);
  record.setStreamRevision(String(revision));
  record.setCommitPosition(position.toString());
  record.setPreparePosition(position.toString());
  record.getMetadataMap().set('type', event.type);
  record.getMetadataMap().set('content-type', event.contentType);
  record.getMetadataMap().set('created', String(BigInt(createdMs) * 10_000n + 1234n));
  // Both of the client's append paths send JSON data and object metadata through JSON.stringify.
  record.setData(Buffer.from(JSON.stringify(event.data), 'utf8'));
  record.setCustomMetadata(Buffer.from(JSON.stringify(event.metadata), 'utf8'));
  return convertGrpcRecord(record);
}

describe('EventStoreDB mapping', () => {
  describe('stream revisions', () => {
    it('numbers revisions from 0 in both, as bigint on the client and number in the port', () => {
      expect(revisionFromClient(0n)).toBe(0);
      expect(revisionFromClient(41n)).toBe(41);
      expect(revisionToClient(0)).toBe(0n);
      expect(revisionToClient(41)).toBe(41n);
      expect(revisionFromClient(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('refuses revisions a number cannot hold exactly', () => {
      expect(() => revisionFromClient(UNSAFE)).toThrow(EventStoreDbMappingError);
      expect(() => revisionFromClient(-1n)).toThrow(EventStoreDbMappingError);
      for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
        expect(() => revisionToClient(bad)).toThrow(RangeError);
      }
    });
  });

  describe('expected revisions', () => {
    const pairs: Array<[ExpectedRevision, unknown]> = [
      ['no_stream', NO_STREAM],
      ['any', ANY],
      ['stream_exists', STREAM_EXISTS],
      [0, 0n],
      [7, 7n],
    ];

    it.each(pairs)('maps %p to the client and back', (port, client) => {
      expect(expectedRevisionToClient(port)).toBe(client);
      expect(expectedRevisionFromClient(expectedRevisionToClient(port))).toBe(port);
    });

    it('sends the exact revision of the head an append chained to, or no stream', () => {
      expect(exactExpectationToClient(undefined)).toBe(NO_STREAM);
      expect(exactExpectationToClient(0)).toBe(0n);
      expect(exactExpectationToClient(12)).toBe(12n);
    });
  });

  describe('errors', () => {
    const conflict = (expected: bigint | 'no_stream', current: bigint | 'no_stream') =>
      new WrongExpectedVersionError(undefined, { streamName: 'claim-1', expected, current });

    it("turns the client's wrong expected version into the port's, naming both revisions", () => {
      const mapped = wrongExpectedRevisionFromClient(conflict(1n, 2n), 'claim-1');
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ streamId: 'claim-1', expected: 1, actual: 2 });
      expect(wrongExpectedRevisionFromClient(conflict(0n, 'no_stream'), 'c-2')).toMatchObject({
        streamId: 'c-2',
        expected: 0,
        actual: 'no_stream',
      });
    });

    it('keeps the expectation the caller gave when the adapter sent an exact one for it', () => {
      const mapped = wrongExpectedRevisionFromClient(conflict(4n, 5n), 'claim-1', 'any');
      expect(mapped).toMatchObject({ expected: 'any', actual: 5 });
      expect(fromClientError(conflict('no_stream', 0n), 'an append')).toMatchObject({
        constructor: WrongExpectedRevisionError,
        streamId: 'claim-1',
        expected: 'no_stream',
        actual: 0,
      });
    });

    it.each([
      ['unavailable', new UnavailableError()],
      ['deadline exceeded', new DeadlineExceededError()],
      ['timeout', new TimeoutError()],
      ['cancelled by the server', new CancelledError()],
      ['cluster discovery failed', new Error('Failed to discover after 10 attempts.')],
    ])('reports %s as EventStoreUnavailableError, worth retrying', (_name, error) => {
      const mapped = fromClientError(error, 'a read of claim-1');
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).message).toContain('a read of claim-1');
      expect((mapped as Error).cause).toBe(error);
      expect(isTransient(mapped)).toBe(true);
    });

    it('reports denied access as unavailable, but not as something a retry fixes', () => {
      const mapped = fromClientError(new AccessDeniedError(), 'a read of $all');
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).message).toContain('check the user');
      expect(isTransient(mapped)).toBe(false);
    });

    it('refuses batches the server cannot store as InvalidAppendError', () => {
      expect(
        fromClientError(new MaxAppendSizeExceededError(undefined, 1_048_576), 'an append'),
      ).toBeInstanceOf(InvalidAppendError);
      expect(
        fromClientError(new StreamDeletedError(undefined, 'claim-1'), 'an append'),
      ).toBeInstanceOf(InvalidAppendError);
    });

    it("passes the port's own errors and programming errors through unchanged", () => {
      const own = new InvalidAppendError('bad');
      const bug = new TypeError('x is undefined');
      expect(fromClientError(own, 'an append')).toBe(own);
      expect(fromClientError(bug, 'an append')).toBe(bug);
      expect(isTransient(bug)).toBe(false);
      expect(isTransient(new EventStoreUnavailableError('deadline'))).toBe(true);
    });
  });

  describe('global positions', () => {
    it('uses the $all commit position as the global position', () => {
      expect(positionFromClient({ commit: 1234n, prepare: 1234n }, 'e')).toBe(1234);
      const max = BigInt(Number.MAX_SAFE_INTEGER);
      expect(positionFromClient({ commit: max, prepare: max }, 'e')).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('reads from the start for 0 and from the record itself otherwise', () => {
      expect(positionToClient(0)).toBe(START);
      expect(positionToClient(1234)).toEqual({ commit: 1234n, prepare: 1234n });
      expect(positionFromClient(positionToClient(98_765) as never, 'e')).toBe(98_765);
    });

    it('refuses loudly a position that is missing, shared, or beyond a safe integer', () => {
      expect(() => positionFromClient(undefined, 'e')).toThrow(/22\.6/);
      expect(() => positionFromClient({ commit: 0n, prepare: 0n }, 'e')).toThrow(
        EventStoreDbMappingError,
      );
      expect(() => positionFromClient({ commit: 900n, prepare: 850n }, 'e')).toThrow(
        /explicit transaction/,
      );
      expect(() => positionFromClient({ commit: UNSAFE, prepare: UNSAFE }, 'e')).toThrow(
        /not a safe integer/,
      );
      for (const bad of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1]) {
        expect(() => positionToClient(bad)).toThrow(RangeError);
      }
    });
  });

  describe('events as stored and read back', () => {
    const streamId = 'claim-3f1c2b9e-7c1d-4a8e-9f57-0a9c5d2e6b11';
    const batch = serializeAppend(streamId, newEvents(3, { reason: 'typo' }, { n: [1, -0.5] }));
    let previous = GENESIS_HASH;
    const hashes = batch.map((event) => (previous = chainHashOfCanonical(previous, event.content)));
    const sent = batch.map((event, index) => toEventData(event, hashes[index]!));
    const created = Date.parse('2024-03-08T02:29:15.123Z');
    const read = sent.map((event, revision) =>
      asRecordedByServer(streamId, revision, 5000n + BigInt(revision) * 300n, created, event),
    );

    it('sends JSON events whose metadata carries the envelope the store owns', () => {
      expect(sent[0]).toMatchObject({
        id: batch[0]!.eventId,
        contentType: 'application/json',
        type: 'ClaimEdited',
        data: { n: [1, -0.5] },
        metadata: {
          reason: 'typo',
          eventId: batch[0]!.eventId,
          schemaVersion: 1,
          hash: hashes[0],
        },
      });
    });

    it('reads back the envelope of the port, with the server time as recordedAt', () => {
      const stored = read.map(toStoredEvent);
      expect(stored.map((e) => [e.revision, e.position])).toEqual([
        [0, 5000],
        [1, 5300],
        [2, 5600],
      ]);
      expect(stored[1]).toEqual({
        eventId: batch[1]!.eventId,
        streamId,
        revision: 1,
        position: 5300,
        type: 'ClaimEdited',
        schemaVersion: 1,
        data: { n: [1, -0.5] },
        metadata: { ...JSON.parse(batch[1]!.metadataJson), hash: hashes[1] },
        recordedAt: '2024-03-08T02:29:15.123Z',
        hash: hashes[1],
      });
    });

    it('round-trips so that the hash chain verifies, and an edited event does not', () => {
      const verifier = new HashChainVerifier();
      read.map(toStoredEvent).forEach((event) => verifier.check(event));
      expect(verifier.report()).toMatchObject({ ok: true, events: 3 });

      const edited = { ...sent[1]!, data: { n: [1, -0.25] } } as EventData;
      const tampered = [
        read[0]!,
        asRecordedByServer(streamId, 1, 5300n, created, edited),
        read[2]!,
      ];
      const check = new HashChainVerifier();
      tampered.map(toStoredEvent).forEach((event) => check.check(event));
      expect(check.report().broken).toEqual([
        expect.objectContaining({ revision: 1, reason: 'hash_mismatch' }),
      ]);
    });

    it('keeps the original recordedAt of a copied event outside the hashed metadata', () => {
      const original = '2023-11-02T09:41:07.250Z';
      const copies = batch.map((event, index) => toEventData(event, hashes[index]!, original));
      expect(copies[0]!.metadata).toMatchObject({ recordedAt: original, hash: hashes[0] });
      const stored = copies
        .map((event, revision) =>
          asRecordedByServer(streamId, revision, 9000n + BigInt(revision), created, event),
        )
        .map(toStoredEvent);
      // The server's own time is not the event's: the copy answers the original's.
      expect(stored.map((event) => event.recordedAt)).toEqual([original, original, original]);
      expect(stored[1]!.metadata).toEqual({
        ...JSON.parse(batch[1]!.metadataJson),
        hash: hashes[1],
      });
      const verifier = new HashChainVerifier();
      stored.forEach((event) => verifier.check(event));
      expect(verifier.report()).toMatchObject({ ok: true, events: 3 });

      const garbled = {
        ...copies[0]!,
        metadata: { ...(copies[0]!.metadata as object), recordedAt: 'soon' },
      };
      expect(() =>
        toStoredEvent(asRecordedByServer(streamId, 0, 9000n, created, garbled as EventData)),
      ).toThrow(EventStoreDbMappingError);
    });

    it('refuses, naming the event, what is not a Marginalia envelope', () => {
      const good = read[0]!;
      const foreign: RecordedEventLike[] = [
        { ...good, isJson: false, data: new Uint8Array([1]) },
        { ...good, data: ['not', 'an', 'object'] },
        { ...good, metadata: { eventId: good.id, schemaVersion: 1 } },
        { ...good, metadata: new Uint8Array([0x7b]) },
        { ...good, created: new Date(Number.NaN) },
      ];
      for (const recorded of foreign) {
        expect(() => toStoredEvent(recorded)).toThrow(EventStoreDbMappingError);
        expect(() => toStoredEvent(recorded)).toThrow(good.id);
      }
    });

    it("tells Marginalia's events in $all from other programs' and the server's own", () => {
      const good = read[0]!;
      expect(isMarginaliaEvent(good)).toBe(true);
      // What another program on a shared server writes (seen on a live 23.10 server: a raw
      // client append has empty, non-JSON metadata), and what the server writes itself.
      const others: RecordedEventLike[] = [
        { ...good, metadata: new Uint8Array() },
        { ...good, metadata: { correlationId: 'x' } },
        { ...good, metadata: { schemaVersion: '1', hash: good.metadata } },
        { ...good, isJson: false },
        { ...good, streamId: '$stats-127.0.0.1:2113' },
        { ...good, type: '$metadata' },
      ];
      for (const recorded of others) expect(isMarginaliaEvent(recorded)).toBe(false);
    });
  });

  it("recognises the server's own events by a $ in front of their stream or type", () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(
      true,
    );
    expect(isSystemEvent({ streamId: '$ce-claim', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'claim-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'claim-1', type: 'ClaimCaptured' })).toBe(false);
  });

  it('names the connection target without credentials or options', () => {
    expect(connectionTarget('esdb://admin:changeit@localhost:2113?tls=false')).toBe(
      'esdb://localhost:2113',
    );
    expect(connectionTarget('esdb+discover://ops:p@ss@cluster.example:2113/?tls=true')).toBe(
      'esdb+discover://cluster.example:2113',
    );
    expect(connectionTarget('esdb://node1:2113,node2:2113')).toBe('esdb://node1:2113,node2:2113');
    expect(connectionTarget('admin:secret@localhost:2113')).toBe('unrecognised connection string');
  });
});
