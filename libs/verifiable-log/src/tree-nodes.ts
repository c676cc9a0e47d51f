import { HASH_SIZE } from './merkle-hash';

/**
 * Read port over the stored perfect subtrees. Level 0 holds the leaf hashes; the node at level k,
 * index i covers leaves [i·2^k, (i+1)·2^k). Proofs and past roots need nothing else.
 */
export interface TreeNodes {
  node(level: number, index: number): Buffer | undefined;
}

/** One perfect subtree completed by an append, for a store to persist. */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/** In-memory node store: one flat buffer per level, so a million leaves cost ~64 MB, not 2M objects. */
export class MemoryTreeNodes implements TreeNodes {
  private readonly levels: { bytes: Buffer; count: number }[] = [];

  node(level: number, index: number): Buffer | undefined {
    const row = this.levels[level];
    if (!row || !Number.isInteger(index) || index < 0 || index >= row.count) return undefined;
    return row.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** Nodes arrive in append order, so each level only ever grows by its next index. */
  put({ level, index, hash }: TreeNode): void {
    while (this.levels.length <= level) this.levels.push({ bytes: Buffer.alloc(0), count: 0 });
    const row = this.levels[level]!;
    if (index !== row.count) {
      throw new RangeError(`node ${level}/${index} out of order: level ${level} has ${row.count}`);
    }
    if ((index + 1) * HASH_SIZE > row.bytes.length) {
      const grown = Buffer.alloc(Math.max(HASH_SIZE * 64, row.bytes.length * 2));
      row.bytes.copy(grown);
      row.bytes = grown;
    }
    hash.copy(row.bytes, index * HASH_SIZE);
    row.count += 1;
  }
}
