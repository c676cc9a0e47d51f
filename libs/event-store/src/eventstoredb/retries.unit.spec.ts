import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError } from '../errors';
import type { StoredEvent } from '../event-store.port';
import { olderPages, previousAppendIn } from './retries';

function streamOf(count: number): StoredEvent[] {
  return Array.from({ length: count }, (_, revision) => ({
    eventId: randomUUID(),
    streamId: 'claim-1',
    revision,
    position: 100 + revision,
    type: 'ClaimEdited',
    schemaVersion: 1,
    data: {},
    metadata: { eventId: '', schemaVersion: 1, hash: '' },
    recordedAt: '2024-03-08T02:29:15.000Z',
    hash: '',
  }));
}

describe('recognising a retried append in the tail of a stream', () => {
  const stream = streamOf(5);
  const ids = (from: number, to: number) => stream.slice(from, to).map((e) => e.eventId);

  it('finds nothing for a batch of new event ids', () => {
    expect(previousAppendIn(stream, [randomUUID(), randomUUID()])).toBeUndefined();
    expect(previousAppendIn([], [randomUUID()])).toBeUndefined();
  });

  it('answers the stored events of an append repeated whole, wherever it sits', () => {
    expect(previousAppendIn(stream, ids(1, 3))).toEqual(stream.slice(1, 3));
    expect(previousAppendIn(stream, ids(3, 5))).toEqual(stream.slice(3, 5));
  });

  it('refuses a batch that repeats only part of a stored append, or more than it', () => {
    expect(() => previousAppendIn(stream, [...ids(1, 2), randomUUID()])).toThrow(
      DuplicateEventIdError,
    );
    expect(() => previousAppendIn(stream, [...ids(4, 5), randomUUID()])).toThrow(
      /not as part of the same batch/,
    );
    expect(() => previousAppendIn(stream, [randomUUID(), ...ids(2, 3)])).toThrow(
      /already stored in claim-1/,
    );
  });
});

describe('the older pages a conflicting append scans for its first event id', () => {
  it('reads backwards from below the window down to the lookback, page by page', () => {
    expect(olderPages(900, 999, 10_000, 500)).toEqual([
      { fromRevision: 899, maxCount: 500 },
      { fromRevision: 399, maxCount: 400 },
    ]);
  });

  it('stops at the lookback, and reads nothing when the window reached revision 0', () => {
    expect(olderPages(900, 999, 300, 500)).toEqual([{ fromRevision: 899, maxCount: 200 }]);
    expect(olderPages(900, 999, 100, 500)).toEqual([]);
    expect(olderPages(0, 99, 10_000, 500)).toEqual([]);
  });
});
