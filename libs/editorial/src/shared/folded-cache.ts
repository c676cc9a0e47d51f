import { BoundedCache, type CacheLimits } from '@marginalia/platform';

/** How many folded streams a cache keeps at most, and their total weight. */
export type FoldedCacheLimits = CacheLimits;

/**
 * Folded states of streams with the revision they were folded to, least recently used first
 * out. A state here is shared by every caller and must never be modified: the deciders' evolve
 * functions build new states and leave the old ones as they were.
 *
 * It holds no authority: a state is only a starting point, and `AggregateStore.load` folds the
 * events stored after its revision on top of it every time.
 */
export class FoldedCache<State> {
  private readonly cache: BoundedCache<{ state: State; version: number; weight: number }>;

  constructor(
    limits: FoldedCacheLimits,
    private readonly weightOf: (state: State) => number,
  ) {
    this.cache = new BoundedCache(limits, (entry) => entry.weight);
  }

  get(streamId: string): { state: State; version: number } | undefined {
    return this.cache.get(streamId);
  }

  set(streamId: string, state: State, version: number): void {
    const current = this.cache.peek(streamId);
    // A slower reader must not replace a state folded further by a faster one.
    if (current && current.version > version) return;
    this.cache.set(streamId, { state, version, weight: this.weightOf(state) });
  }

  get size(): number {
    return this.cache.size;
  }

  get weight(): number {
    return this.cache.weight;
  }
}
