/** How many entries a cache keeps at most, and their total weight (in the cache's own unit). */
export interface CacheLimits {
  entries: number;
  weight: number;
}

/**
 * Values by key, the least recently used dropped first once the count or the total weight is
 * over its limit. A value heavier than the whole limit is not kept.
 */
export class BoundedCache<Value> {
  /** In order of use, the least recently used first. */
  private readonly entries = new Map<string, { value: Value; weight: number }>();
  private total = 0;

  constructor(
    private readonly limits: CacheLimits,
    private readonly weightOf: (value: Value) => number,
  ) {}

  /** The value, now the most recently used. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value without counting it as used. */
  peek(key: string): Value | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: Value): void {
    this.delete(key);
    const weight = this.weightOf(value);
    if (weight > this.limits.weight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.entries && this.total <= this.limits.weight) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }
}
