import { randomBytes } from 'node:crypto';
import {
  CompactRange,
  MemoryTreeNodes,
  consistencyProof,
  formatCheckpoint,
  generateSigner,
  inclusionProof,
  leafHash,
  rootAt,
  signNote,
} from '@marginalia/verifiable-log';
import { SeededRandom } from '../support/seeded-random';
import {
  rfcConsistencyProof,
  rfcInclusionPath,
  rfcLeafHash,
  rfcRootOfLeafHashes,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from './independent-rfc9162';
import { NoteRefused, readVerifierKey, verifyCheckpoint } from './independent-signed-note';

/**
 * Part two of issue 15's interop check (part one, the published vectors, is
 * verifiable-log-interop.spec.ts): on seeded random trees, every proof the product gives verifies
 * with the independent RFC 9162 reading and stops verifying when one byte changes, and the
 * product's signed checkpoints open with the independent C2SP reading.
 */

interface Grown {
  entries: Buffer[];
  /** The independent leaf hashes, to compare roots with. */
  leaves: Buffer[];
  nodes: MemoryTreeNodes;
  /** The product's incremental root after each append: roots[n] is the root of n leaves. */
  roots: Buffer[];
}

/** Random entries of 0 to 80 bytes, appended one by one to the product's tree. */
function grow(seed: number, size: number): Grown {
  const random = new SeededRandom(seed);
  const entries = Array.from({ length: size }, () =>
    Buffer.from(Array.from({ length: random.int(0, 80) }, () => random.int(0, 255))),
  );
  const nodes = new MemoryTreeNodes();
  const tree = new CompactRange();
  const roots = [tree.root()];
  for (const entry of entries) {
    tree.append(leafHash(entry)).forEach((node) => nodes.put(node));
    roots.push(tree.root());
  }
  return { entries, leaves: entries.map(rfcLeafHash), nodes, roots };
}

const same = (a: readonly Buffer[], b: readonly Buffer[]) =>
  a.length === b.length && a.every((hash, i) => hash.equals(b[i]!));

/** A copy with one byte of one hash changed: the kind of damage a proof must not survive. */
function flipped(hashes: readonly Buffer[], random: SeededRandom): Buffer[] {
  const copy = hashes.map((h) => Buffer.from(h));
  const victim = random.pick(copy);
  const at = random.int(0, victim.length - 1);
  victim[at] = victim[at]! ^ (1 << random.int(0, 7));
  return copy;
}

describe.each([
  [20261207, 300],
  // A second tree, smaller: the all-pairs checks grow with the cube of the size.
  [15, 120],
])('seed %i: every tree of 1 to %i random leaves', (seed, size) => {
  const { leaves, nodes, roots } = grow(seed, size);
  const random = new SeededRandom(seed + 1);
  const independentRoots = leaves.map((_, n) => rfcRootOfLeafHashes(leaves.slice(0, n + 1)));
  const rootOf = (n: number) => independentRoots[n - 1]!;

  it('has the same root as the independent MTH, incrementally and from the stored nodes', () => {
    for (let n = 1; n <= size; n++) {
      expect(roots[n]!.equals(rootOf(n))).toBe(true);
      expect(rootAt(n, nodes).equals(rootOf(n))).toBe(true);
    }
  });

  // Failures are collected rather than asserted one by one: 45 150 expect() calls would cost
  // more than the hashing they check.
  it('gives inclusion proofs that verify independently, and fail with a byte flipped', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (let n = 1; n <= size; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, nodes);
        if (!rfcVerifyInclusion(i, n, leaves[i]!, proof, rootOf(n))) wrong.push(`${i}/${n}`);
        const broken = proof.length > 0 ? flipped(proof, random) : proof;
        if (proof.length > 0 && rfcVerifyInclusion(i, n, leaves[i]!, broken, rootOf(n))) {
          wrong.push(`${i}/${n} flipped`);
        }
        checked++;
      }
      const i = random.int(0, n - 1);
      const proof = inclusionProof(i, n, nodes);
      const leaf = flipped([leaves[i]!], random)[0]!;
      const root = flipped([rootOf(n)], random)[0]!;
      if (rfcVerifyInclusion(i, n, leaf, proof, rootOf(n))) wrong.push(`${i}/${n} other leaf`);
      if (rfcVerifyInclusion(i, n, leaves[i]!, proof, root)) wrong.push(`${i}/${n} other root`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe((size * (size + 1)) / 2);
  });

  it('gives consistency proofs that verify independently, and fail with a byte flipped', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (let n = 1; n <= size; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, nodes);
        if (!rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), proof)) wrong.push(`${m}/${n}`);
        if (proof.length > 0) {
          const broken = flipped(proof, random);
          const first = flipped([rootOf(m)], random)[0]!;
          if (rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), broken))
            wrong.push(`${m}/${n} flipped`);
          if (rfcVerifyConsistency(m, n, first, rootOf(n), proof))
            wrong.push(`${m}/${n} other root`);
        }
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe((size * (size + 1)) / 2);
  });

  it('gives exactly the RFC PATH and PROOF in the trees of up to 40 leaves', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 40; n++) {
      const tree = leaves.slice(0, n);
      for (let i = 0; i < n; i++) {
        const path = inclusionProof(i, n, nodes);
        const proof = consistencyProof(i + 1, n, nodes);
        if (!same(path, rfcInclusionPath(i, tree))) wrong.push(`PATH(${i}, D[${n}])`);
        if (!same(proof, rfcConsistencyProof(i + 1, tree))) wrong.push(`PROOF(${i + 1}, D[${n}])`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a tree of 5003 random leaves', () => {
  const size = 5003;
  const { leaves, nodes, roots } = grow(5003, size);
  const random = new SeededRandom(5004);
  const root = rfcRootOfLeafHashes(leaves);

  it('has the independent MTH as its root', () => {
    expect(roots[size]!.equals(root)).toBe(true);
    expect(rootAt(size, nodes).equals(root)).toBe(true);
  });

  it('proves every leaf and every earlier size, and no proof survives a flipped byte', () => {
    const wrong: string[] = [];
    for (let i = 0; i < size; i++) {
      const proof = inclusionProof(i, size, nodes);
      if (!rfcVerifyInclusion(i, size, leaves[i]!, proof, root)) wrong.push(`leaf ${i}`);
      if (rfcVerifyInclusion(i, size, leaves[i]!, flipped(proof, random), root)) {
        wrong.push(`leaf ${i} flipped`);
      }
    }
    // Each earlier root is the independent MTH of the prefix, so sizes are sampled (O(m) each).
    let checked = 0;
    for (let m = 1; m < size; m += random.int(1, 97)) {
      const first = rfcRootOfLeafHashes(leaves.slice(0, m));
      const proof = consistencyProof(m, size, nodes);
      if (!rfcVerifyConsistency(m, size, first, root, proof)) wrong.push(`size ${m}`);
      if (rfcVerifyConsistency(m, size, first, root, flipped(proof, random))) {
        wrong.push(`size ${m} flipped`);
      }
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('a checkpoint the product signs', () => {
  const origin = 'news.example/marginalia';
  const { signer, verifierKey } = generateSigner(origin, randomBytes(32));
  const { leaves, nodes } = grow(99, 777);
  const key = readVerifierKey(verifierKey);

  it.each([0, 1, 2, 500, 777])(
    'of %i leaves opens with the independent C2SP reading, its root the independent MTH',
    (size) => {
      const text = formatCheckpoint({ origin, treeSize: size, rootHash: rootAt(size, nodes) });
      const checkpoint = verifyCheckpoint(signNote(text, [signer]), [key]);
      expect(checkpoint.origin).toBe(origin);
      expect(checkpoint.treeSize).toBe(size);
      expect(checkpoint.rootHash.equals(rfcRootOfLeafHashes(leaves.slice(0, size)))).toBe(true);
      expect(checkpoint.extensions).toEqual([]);
      expect(checkpoint.note.verified.map((s) => [s.name, s.keyId])).toEqual([[origin, key.keyId]]);
    },
  );

  it('is refused by the independent reading once edited, or under another key of the same name', () => {
    const text = formatCheckpoint({ origin, treeSize: 777, rootHash: rootAt(777, nodes) });
    const note = signNote(text, [signer]);
    expect(() => verifyCheckpoint(note.replace('\n777\n', '\n776\n'), [key])).toThrow(
      /bad signature/,
    );
    const other = readVerifierKey(generateSigner(origin, randomBytes(32)).verifierKey);
    expect(() => verifyCheckpoint(note, [other])).toThrow(NoteRefused);
  });
});
