import { createHash } from 'node:crypto';
import { mintToken } from '@marginalia/platform';
import { atTime, streamTokenOf } from './stream-token';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';
const auditor = { sub: 'auditor-chen', roles: ['auditor' as const] };

describe('streamTokenOf', () => {
  it('names a token by the SHA-256 of its text and gives its exp in milliseconds', async () => {
    const now = new Date('2026-12-07T20:00:00Z');
    const token = await mintToken(SECRET, auditor, { ttlSeconds: 90, now });
    expect(streamTokenOf(`Bearer ${token}`)).toEqual({
      id: createHash('sha256').update(token).digest('hex'),
      expiresAt: now.getTime() + 90_000,
    });
    const other = await mintToken(SECRET, auditor, { ttlSeconds: 91, now });
    expect(streamTokenOf(`bearer ${other}`).id).not.toBe(streamTokenOf(`Bearer ${token}`).id);
  });
});

describe('atTime', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('acts when the clock reaches the time, also past setTimeout’s longest wait', () => {
    const year = 365 * 24 * 3600 * 1000;
    const action = jest.fn();
    const setTimeout = jest.spyOn(global, 'setTimeout');
    atTime(year, action);
    // A longer wait would overflow, and Node would run the timer after 1 ms.
    expect(setTimeout.mock.calls.map(([, wait]) => wait)).toEqual([2 ** 31 - 1]);
    setTimeout.mockRestore();
    jest.advanceTimersByTime(year - 1);
    expect(action).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('acts at once for a time already past, and never once cancelled', () => {
    const past = jest.fn();
    atTime(-5, past);
    expect(past).toHaveBeenCalledTimes(1);
    const cancelled = jest.fn();
    atTime(1000, cancelled)();
    jest.advanceTimersByTime(5000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
