/** How many folded streams a cache keeps at most, and their total weight. */
export interface FoldedCacheLimits {
  entries: number;
  weight: number;
}

/**
 * Folded states of streams with the revision they were folded to, least recently used first
 * out. A state here is shared by every caller and must never be modified: the deciders' evolve
 * functions build new states and leave the old ones as they were.
 *
 * It holds no authority: a state is only a starting point, and `AggregateStore.load` folds the
 * events stored after its revision on top of it every time.
 */
export class FoldedCache<State> {
  private readonly entries = new Map<string, { state: State; version: number; weight: number }>();
  private total = 0;

  constructor(
    private readonly limits: FoldedCacheLimits,
    private readonly weightOf: (state: State) => number,
  ) {}

  get(streamId: string): { state: State; version: number } | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    // Touched: moved to the end of the map's order, the most recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  set(streamId: string, state: State, version: number): void {
    const current = this.entries.get(streamId);
    // A slower reader must not replace a state folded further by a faster one.
    if (current && current.version > version) return;
    this.remove(streamId);
    const weight = this.weightOf(state);
    if (weight > this.limits.weight) return;
    this.entries.set(streamId, { state, version, weight });
    this.total += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.entries && this.total <= this.limits.weight) break;
      this.remove(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }

  private remove(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.total -= entry.weight;
  }
}
