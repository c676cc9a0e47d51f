import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  UnavailableError,
  UnknownError,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { type AllPageReader, alignedStart } from './aligned-start';

/*
 * `$all` as EventStoreDB 23.10.8 reads it (seen on the live server, docs/eventstoredb.md): from
 * the start, the end, or a record's own position; past the last record, nothing; from any other
 * offset inside the log, an UnknownError ("Unexpected ReadAllResult: Error"). A forward read
 * includes the record it starts at, a backward read starts before it.
 */
const RECORDS = [100n, 250n, 400n, 900n];

function serverLog(records = RECORDS): { page: AllPageReader; reads: string[] } {
  const reads: string[] = [];
  const page: AllPageReader = (from, direction, maxCount) => {
    reads.push(`${direction === FORWARDS ? 'forwards' : 'backwards'} ${label(from)}`);
    const at = from === START ? -1n : from === END ? 1n << 62n : from.commit;
    const last = records[records.length - 1] ?? 0n;
    if (from !== START && from !== END && at <= last && !records.includes(at)) {
      return Promise.reject(
        new UnknownError(undefined, '2 UNKNOWN: Unexpected ReadAllResult: Error'),
      );
    }
    const chosen =
      direction === FORWARDS
        ? records.filter((commit) => commit >= at)
        : records.filter((commit) => commit < at).reverse();
    return Promise.resolve(chosen.slice(0, maxCount).map(recordAt));
  };
  return { page, reads };
}

function recordAt(commit: bigint): AllStreamResolvedEvent {
  return { event: { position: { commit, prepare: commit } } } as AllStreamResolvedEvent;
}

function label(position: ReadPosition): string {
  return position === START ? 'start' : position === END ? 'end' : String(position.commit);
}

describe('alignedStart: where a read of $all after any position may start', () => {
  it('starts a read after 0 at the start, and after a record at that record, in one read', async () => {
    const log = serverLog();
    expect(label(await alignedStart(0, log.page))).toBe('start');
    expect(label(await alignedStart(250, log.page))).toBe('250');
    expect(log.reads).toEqual(['forwards 250']);
  });

  it('starts a read after position - 1 at that position, as the log tree asks on every start', async () => {
    const log = serverLog();
    expect(label(await alignedStart(399, log.page))).toBe('400');
    expect(log.reads).toEqual(['forwards 399', 'forwards 400']);
  });

  it('starts a read after any other offset at the last record before it', async () => {
    const log = serverLog();
    expect(label(await alignedStart(500, log.page))).toBe('400');
    expect(label(await alignedStart(101, log.page))).toBe('100');
  });

  it('starts before the first record at the start, and past the last record where asked', async () => {
    const before = serverLog([5000n, 6000n]);
    expect(label(await alignedStart(10, before.page))).toBe('start');
    const after = serverLog();
    expect(label(await alignedStart(5000, after.page))).toBe('5000');
  });

  it('searches back page by page when the record is far from the end', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => BigInt(1000 + i * 10));
    const log = serverLog(records);
    expect(label(await alignedStart(1005, log.page))).toBe('1000');
    expect(log.reads.filter((read) => read.startsWith('backwards'))).toHaveLength(3);
  });

  it('passes on a failure that is not the server refusing the offset', async () => {
    const page: AllPageReader = () => Promise.reject(new UnavailableError());
    await expect(alignedStart(399, page)).rejects.toBeInstanceOf(UnavailableError);
  });
});

it('reads the model of the server as the live server answered', async () => {
  const { page } = serverLog();
  await expect(page({ commit: 1n, prepare: 1n }, FORWARDS, 3)).rejects.toBeInstanceOf(UnknownError);
  expect((await page(END, BACKWARDS, 2)).map(({ event }) => event?.position.commit)).toEqual([
    900n,
    400n,
  ]);
});
