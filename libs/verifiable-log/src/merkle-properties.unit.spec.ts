import fc from 'fast-check';
import { CompactRange } from './merkle-compact-range';
import { leafHash, nodeHash, splitPoint, treeHash } from './merkle-hash';
import { consistencyProof, inclusionProof, rootAt } from './merkle-proofs';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { MemoryTreeNodes, type TreeNodes } from './tree-nodes';

// RFC 9162 §2.1.3.1 and §2.1.4.1 read literally over the entries: the reference the stored-node
// proofs must agree with.
function refInclusion(m: number, entries: Buffer[]): Buffer[] {
  if (entries.length <= 1) return [];
  const k = splitPoint(entries.length);
  return m < k
    ? [...refInclusion(m, entries.slice(0, k)), treeHash(entries.slice(k))]
    : [...refInclusion(m - k, entries.slice(k)), treeHash(entries.slice(0, k))];
}

function refSubproof(m: number, entries: Buffer[], known: boolean): Buffer[] {
  if (m === entries.length) return known ? [] : [treeHash(entries)];
  const k = splitPoint(entries.length);
  return m <= k
    ? [...refSubproof(m, entries.slice(0, k), known), treeHash(entries.slice(k))]
    : [...refSubproof(m - k, entries.slice(k), false), treeHash(entries.slice(0, k))];
}

const MAX = 300;
const entries = Array.from({ length: MAX }, (_, i) => Buffer.from(`claim ${i}`));
const nodes = new MemoryTreeNodes();
const tree = new CompactRange();
const roots = [tree.root()];
for (const entry of entries) {
  tree.append(leafHash(entry)).forEach((node) => nodes.put(node));
  roots.push(tree.root());
}
const rootOf = (size: number): Buffer => roots[size]!;

/** Counts reads, to hold proofs to O(log n) of them. */
function counting(inner: TreeNodes): TreeNodes & { reads: number } {
  return {
    reads: 0,
    node(level, index) {
      this.reads += 1;
      return inner.node(level, index);
    },
  };
}

const flipped = (proof: Buffer[], at: number): Buffer[] =>
  proof.map((hash, i) =>
    i === at ? Buffer.from(hash.map((b, j) => (j === 0 ? b ^ 1 : b))) : hash,
  );
const depth = (n: number): number => Math.ceil(Math.log2(n));

const sizeAndLeaf = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
const twoSizes = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

describe('the Merkle tree, for any size', () => {
  it('keeps an incremental root equal to the naive Merkle Tree Hash', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: MAX }), (leaves) => {
        const grown = new CompactRange();
        const stored = new MemoryTreeNodes();
        leaves.forEach((leaf) => grown.append(leafHash(leaf)).forEach((node) => stored.put(node)));
        const naive = treeHash(leaves);
        expect(grown.root().equals(naive)).toBe(true);
        expect(rootAt(leaves.length, stored).equals(naive)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('gives every past root from the stored nodes', () => {
    for (let size = 0; size <= MAX; size++)
      expect(rootAt(size, nodes).equals(rootOf(size))).toBe(true);
  });

  it('proves inclusion as RFC 9162 defines, in O(log n) reads, and the proof verifies', () => {
    fc.assert(
      fc.property(sizeAndLeaf, ([n, i]) => {
        const reads = counting(nodes);
        const proof = inclusionProof(i, n, reads);
        expect(proof).toEqual(refInclusion(i, entries.slice(0, n)));
        expect(proof.length).toBeLessThanOrEqual(depth(n));
        expect(reads.reads).toBeLessThanOrEqual(2 * depth(n));
        expect(verifyInclusion(i, n, leafHash(entries[i]!), proof, rootOf(n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an inclusion proof once any hash, the index or the size is altered', () => {
    fc.assert(
      fc.property(sizeAndLeaf, fc.nat(), fc.nat(), ([n, i], pick, other) => {
        const proof = inclusionProof(i, n, nodes);
        const leaf = leafHash(entries[i]!);
        const at = pick % (proof.length + 2);
        if (at < proof.length)
          expect(verifyInclusion(i, n, leaf, flipped(proof, at), rootOf(n))).toBe(false);
        const wrongLeaf = leafHash(entries[(i + 1) % MAX]!);
        expect(verifyInclusion(i, n, wrongLeaf, proof, rootOf(n))).toBe(false);
        expect(verifyInclusion(i, n, leaf, proof, flipped([rootOf(n)], 0)[0]!)).toBe(false);
        if (proof.length > 0)
          expect(verifyInclusion(i, n, leaf, proof.slice(1), rootOf(n))).toBe(false);
        expect(verifyInclusion(i, n, leaf, [...proof, rootOf(n)], rootOf(n))).toBe(false);
        const j = other % n;
        if (j !== i) expect(verifyInclusion(j, n, leaf, proof, rootOf(n))).toBe(false);
        // Claiming the leaf for another checkpoint: that tree's own root must not accept this proof.
        const m = (other % MAX) + 1;
        if (m !== n && i < m) expect(verifyInclusion(i, m, leaf, proof, rootOf(m))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('proves consistency as RFC 9162 defines, in O(log n) reads, and the proof verifies', () => {
    fc.assert(
      fc.property(twoSizes, ([m, n]) => {
        const reads = counting(nodes);
        const proof = consistencyProof(m, n, reads);
        expect(proof).toEqual(m === n ? [] : refSubproof(m, entries.slice(0, n), true));
        expect(proof.length).toBeLessThanOrEqual(depth(n) + 1);
        expect(reads.reads).toBeLessThanOrEqual(3 * depth(n));
        expect(verifyConsistency(m, n, rootOf(m), rootOf(n), proof)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a consistency proof once any hash or either size is altered', () => {
    fc.assert(
      fc.property(twoSizes, fc.nat(), fc.nat(), ([m, n], pick, other) => {
        const proof = consistencyProof(m, n, nodes);
        for (let at = 0; at < proof.length; at++) {
          expect(verifyConsistency(m, n, rootOf(m), rootOf(n), flipped(proof, at))).toBe(false);
        }
        if (m < n) {
          const at = pick % proof.length;
          expect(verifyConsistency(m, n, rootOf(n), rootOf(m), proof)).toBe(false);
          expect(verifyConsistency(m, n, rootOf(m), rootOf(n), proof.slice(0, at))).toBe(false);
          expect(verifyConsistency(m, n, rootOf(m), rootOf(n), [...proof, rootOf(n)])).toBe(false);
        }
        expect(verifyConsistency(m, n, flipped([rootOf(m)], 0)[0]!, rootOf(n), proof)).toBe(false);
        expect(verifyConsistency(m, n, rootOf(m), flipped([rootOf(n)], 0)[0]!, proof)).toBe(false);
        // Another pair of checkpoints, each with its own true root, must not accept this proof.
        const first = (other % n) + 1;
        if (first !== m)
          expect(verifyConsistency(first, n, rootOf(first), rootOf(n), proof)).toBe(false);
        const second = Math.max(m, (pick % MAX) + 1);
        if (second !== n)
          expect(verifyConsistency(m, second, rootOf(m), rootOf(second), proof)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('checks the reference itself on a hand-made tree of three', () => {
    const [a, b, c] = entries.slice(0, 3).map(leafHash);
    expect(refInclusion(2, entries.slice(0, 3))).toEqual([nodeHash(a!, b!)]);
    expect(refSubproof(2, entries.slice(0, 3), true)).toEqual([c]);
  });
});
