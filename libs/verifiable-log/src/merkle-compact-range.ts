import { emptyRoot, nodeHash } from './merkle-hash';
import { type TreeNode } from './tree-nodes';

/**
 * The incremental tree: the roots of the perfect subtrees that make up the leaves so far, largest
 * (leftmost) first — one per set bit of the size. Appending merges equal-sized neighbours like a
 * binary counter carries, so it costs O(1) hashes amortised and O(log n) at worst.
 */
export class CompactRange {
  private readonly peaks: Buffer[];

  constructor(
    private count = 0,
    peaks: readonly Buffer[] = [],
  ) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bad tree size ${count}`);
    if (peaks.length !== popCount(count)) {
      throw new RangeError(
        `a tree of ${count} leaves has ${popCount(count)} peaks, not ${peaks.length}`,
      );
    }
    this.peaks = [...peaks];
  }

  get size(): number {
    return this.count;
  }

  /** The perfect-subtree roots, largest first: what a store keeps to resume appending. */
  get hashes(): readonly Buffer[] {
    return this.peaks;
  }

  /** Adds one leaf hash; answers every node it completes, the leaf itself first, the largest last. */
  append(leaf: Buffer): TreeNode[] {
    let index = this.count;
    let hash = leaf;
    const completed: TreeNode[] = [{ level: 0, index, hash }];
    for (let level = 0; index % 2 === 1; level++) {
      hash = nodeHash(this.peaks.pop()!, hash);
      index = (index - 1) / 2;
      completed.push({ level: level + 1, index, hash });
    }
    this.peaks.push(hash);
    this.count += 1;
    return completed;
  }

  /** Adds one leaf hash without reporting the nodes it completes (a verifier's fold). */
  push(leaf: Buffer): void {
    let hash = leaf;
    for (let index = this.count; index % 2 === 1; index = (index - 1) / 2) {
      hash = nodeHash(this.peaks.pop()!, hash);
    }
    this.peaks.push(hash);
    this.count += 1;
  }

  /** The Merkle Tree Hash of the leaves so far: the peaks folded from the right. */
  root(): Buffer {
    if (this.peaks.length === 0) return emptyRoot();
    let root = this.peaks[this.peaks.length - 1]!;
    for (let i = this.peaks.length - 2; i >= 0; i--) root = nodeHash(this.peaks[i]!, root);
    return root;
  }
}

function popCount(n: number): number {
  let bits = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) bits += rest % 2;
  return bits;
}
