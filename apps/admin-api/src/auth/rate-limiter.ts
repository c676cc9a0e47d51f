/**
 * A token bucket per caller, in memory: `perMinute` requests a minute with bursts of as many.
 * A bucket that has refilled is forgotten, so the map holds only recent callers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private sinceSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request from the caller's bucket: 0 when it may go on, else seconds to wait. */
  take(caller: string): number {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private sweep(now: number): void {
    this.sinceSweep += 1;
    if (this.sinceSweep < 1000) return;
    this.sinceSweep = 0;
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) {
        this.buckets.delete(caller);
      }
    }
  }
}
