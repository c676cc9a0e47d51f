import { type EventData } from '@eventstore/db-client';
import { convertGrpcRecord } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { serializeAppend } from '../append-preparation';
import { GENESIS_HASH, HashChainVerifier, chainHashOfCanonical } from '../hash-chain';
import { newEvents } from '../testing/contract-helpers';
import {
  EventStoreDbMappingError,
  isMarginaliaEvent,
  toEventData,
  toStoredEvent,
  type RecordedEventLike,
} from './mapping';

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

/** The events as the client sends and reads them (mapping.unit.spec.ts maps the rest). */
describe('EventStoreDB mapping', () => {
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
});
