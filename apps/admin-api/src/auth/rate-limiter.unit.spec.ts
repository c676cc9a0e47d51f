import { RateLimiter } from './rate-limiter';

describe('the rate limit per token', () => {
  it('lets a burst of perMinute requests through, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take('li'), limiter.take('li'), limiter.take('li')]).toEqual([0, 0, 0]);
    expect(limiter.take('li')).toBe(20);
    now += 20_000;
    expect(limiter.take('li')).toBe(0);
  });

  it('keeps one bucket per caller', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('li')).toBe(0);
    expect(limiter.take('wang')).toBe(0);
    expect(limiter.take('li')).toBeGreaterThan(0);
  });
});
