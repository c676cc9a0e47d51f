/** The summary every scenario reports for a set of samples (after its warm-up). */
export interface Summary {
  /** How many samples. */
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * The value below which `fraction` of the samples lie, by the nearest-rank method: with fewer
 * than 100 samples the p99 is the largest sample, never an interpolation between two.
 */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    n: values.length,
    median: round(median(values)),
    p99: round(percentile(values, 0.99)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    mean: round(total / values.length),
  };
}

/** Three significant decimals for small values, whole numbers for large ones. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A monotonic stopwatch in milliseconds. */
export function stopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - started) / 1e6;
}

/** Events (or operations) per second over `count` done in `milliseconds`. */
export function perSecond(count: number, milliseconds: number): number {
  return Math.round(count / (milliseconds / 1000));
}
