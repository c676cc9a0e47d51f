import { emptyRoot, nodeHash, splitPoint } from './merkle-hash';
import { type TreeNodes } from './tree-nodes';

/**
 * Proofs and past roots for any tree size, read from the stored perfect subtrees only. The ranges
 * RFC 9162's recursion visits are nodes of the tree of that size: perfect ones are one read, and
 * the one ragged node per right edge is folded from the O(log n) perfect subtrees inside it.
 */

/** RFC 9162 §2.1.3.1: the audit path of leaf `leafIndex` in the tree of the first `treeSize` leaves. */
export function inclusionProof(leafIndex: number, treeSize: number, nodes: TreeNodes): Buffer[] {
  checkSize(treeSize, 'treeSize');
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`leafIndex ${leafIndex} is not in a tree of ${treeSize} leaves`);
  }
  const path: Buffer[] = [];
  let lo = 0;
  let hi = treeSize;
  // Walk down from the root; siblings are collected top-down, the proof lists them bottom-up.
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      path.push(rangeHash(lo + k, hi, nodes));
      hi = lo + k;
    } else {
      path.push(rangeHash(lo, lo + k, nodes));
      lo += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1: proof that the tree of `first` leaves is a prefix of the tree of `second`. */
export function consistencyProof(first: number, second: number, nodes: TreeNodes): Buffer[] {
  checkSize(second, 'second');
  if (!Number.isSafeInteger(first) || first < 0 || first > second) {
    throw new RangeError(`first ${first} must be between 0 and second ${second}`);
  }
  // The empty tree and the whole tree are consistent with anything by definition: nothing to prove.
  if (first === 0 || first === second) return [];
  const path: Buffer[] = [];
  let lo = 0;
  let hi = second;
  let m = first;
  let firstRootIsKnown = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      path.push(rangeHash(lo + k, hi, nodes));
      hi = lo + k;
    } else {
      path.push(rangeHash(lo, lo + k, nodes));
      lo += k;
      m -= k;
      firstRootIsKnown = false;
    }
  }
  if (!firstRootIsKnown) path.push(rangeHash(lo, hi, nodes));
  return path.reverse();
}

/** The Merkle Tree Hash of the first `treeSize` leaves, as it was when the tree had that size. */
export function rootAt(treeSize: number, nodes: TreeNodes): Buffer {
  checkSize(treeSize, 'treeSize', 0);
  return treeSize === 0 ? emptyRoot() : rangeHash(0, treeSize, nodes);
}

/**
 * The hash of leaves [lo, hi), where lo is a multiple of the power of two that covers hi - lo (true
 * of every node of a tree). Cut into perfect subtrees, largest first, then folded from the right.
 */
function rangeHash(lo: number, hi: number, nodes: TreeNodes): Buffer {
  const parts: Buffer[] = [];
  let start = lo;
  for (
    let width = highestPowerOfTwo(hi - lo), level = log2(width);
    start < hi;
    width /= 2, level--
  ) {
    if (start + width > hi) continue;
    parts.push(read(nodes, level, start / width));
    start += width;
  }
  let hash = parts.pop()!;
  while (parts.length > 0) hash = nodeHash(parts.pop()!, hash);
  return hash;
}

function read(nodes: TreeNodes, level: number, index: number): Buffer {
  const hash = nodes.node(level, index);
  // A missing node means the store is behind or damaged: a proof must not be made up without it.
  if (!hash) throw new RangeError(`tree node ${level}/${index} is not stored`);
  return hash;
}

function checkSize(size: number, name: string, min = 1): void {
  if (!Number.isSafeInteger(size) || size < min) {
    throw new RangeError(`${name} ${size} must be a whole number of at least ${min}`);
  }
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

function log2(powerOfTwo: number): number {
  return Math.round(Math.log2(powerOfTwo));
}
