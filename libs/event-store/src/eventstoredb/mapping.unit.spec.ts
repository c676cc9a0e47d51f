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
} from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import {
  connectionTarget,
  EventStoreDbMappingError,
  exactExpectationToClient,
  expectedRevisionFromClient,
  expectedRevisionToClient,
  fromClientError,
  isSystemEvent,
  isTransient,
  positionFromClient,
  positionToClient,
  revisionFromClient,
  revisionToClient,
  wrongExpectedRevisionFromClient,
} from './mapping';

const UNSAFE = BigInt(Number.MAX_SAFE_INTEGER) + 1n;

/* The events as stored and read back are in mapping-events.unit.spec.ts. */
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
