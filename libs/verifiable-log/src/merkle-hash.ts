import { createHash, hash } from 'node:crypto';

/** SHA-256 output length; every leaf, node and root of the tree has it. */
export const HASH_SIZE = 32;

// RFC 9162 §2.1.1: distinct prefixes keep a leaf from passing for an interior node.
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

// One reused input buffer and the one-shot crypto.hash: nodes are most of the hashing of an
// append, and this halves their cost against a streaming createHash per node.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/** The Merkle Tree Hash of the empty tree: SHA-256 of nothing. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** The largest power of two strictly below n (n >= 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1's MTH, read straight from the definition: the reference for tests and tiny trees. */
export function treeHash(entries: readonly Uint8Array[]): Buffer {
  if (entries.length === 0) return emptyRoot();
  if (entries.length === 1) return leafHash(entries[0]!);
  const k = splitPoint(entries.length);
  return nodeHash(treeHash(entries.slice(0, k)), treeHash(entries.slice(k)));
}
