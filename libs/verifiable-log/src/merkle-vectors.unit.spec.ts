import { CompactRange } from './merkle-compact-range';
import { emptyRoot, leafHash, nodeHash, treeHash } from './merkle-hash';
import { consistencyProof, inclusionProof, rootAt } from './merkle-proofs';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { MemoryTreeNodes } from './tree-nodes';

// The published RFC 6962/9162 known answers of transparency-dev/merkle (testonly/constants.go,
// testonly/reference_test.go, proof/verify_test.go), which Trillian and Certificate Transparency share.
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657'].map(hex);
LEAVES.push(hex('606162636465666768696a6b6c6d6e6f'));

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const H = {
  leaf0: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  leaf1: '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  leaf4: 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  leaf6: 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  n01: 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  n23: '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  n45: '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  n67: 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  n0to3: 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  n4to7: '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
};

const INCLUSION: [leafIndex: number, treeSize: number, proof: string[]][] = [
  [0, 1, []],
  [0, 2, [H.leaf1]],
  [1, 2, [H.leaf0]],
  [2, 3, [H.n01]],
  [1, 5, [H.leaf0, H.n23, H.leaf4]],
  [0, 8, [H.leaf1, H.n23, H.n4to7]],
  [5, 8, [H.leaf4, H.n67, H.n0to3]],
];

const CONSISTENCY: [first: number, second: number, proof: string[]][] = [
  [1, 1, []],
  [1, 8, [H.leaf1, H.n23, H.n4to7]],
  [2, 5, [H.n23, H.leaf4]],
  [6, 8, [H.n45, H.n67, H.n0to3]],
  [6, 7, [H.n45, H.leaf6, H.n0to3]],
];

function grow(count: number): MemoryTreeNodes {
  const nodes = new MemoryTreeNodes();
  const tree = new CompactRange();
  for (const entry of LEAVES.slice(0, count))
    tree.append(leafHash(entry)).forEach((n) => nodes.put(n));
  return nodes;
}

const hexes = (list: Buffer[]): string[] => list.map((b) => b.toString('hex'));

describe('the RFC 9162 Merkle tree against the published test vectors', () => {
  it('hashes an empty tree to SHA-256 of nothing, leaves with 0x00 and nodes with 0x01', () => {
    expect(emptyRoot().toString('hex')).toBe(ROOTS[0]);
    expect(leafHash(LEAVES[0]!).toString('hex')).toBe(H.leaf0);
    expect(nodeHash(leafHash(LEAVES[0]!), leafHash(LEAVES[1]!)).toString('hex')).toBe(H.n01);
  });

  it('hashes children of any length as SHA-256(0x01 || left || right)', () => {
    const abc = '1e18834c426d00e57788444cb3ccd62c771b420c095bb0c4e040a8c122c4570d';
    expect(nodeHash(Buffer.from('ab'), Buffer.from('c')).toString('hex')).toBe(abc);
    const nothing = '4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a';
    expect(nodeHash(Buffer.alloc(0), Buffer.alloc(0)).toString('hex')).toBe(nothing);
  });

  it.each(ROOTS.map((root, size) => [size, root] as const))(
    'gives the published root of the first %i leaves, naively, incrementally and from stored nodes',
    (size, root) => {
      const tree = new CompactRange();
      LEAVES.slice(0, size).forEach((entry) => tree.append(leafHash(entry)));
      expect(treeHash(LEAVES.slice(0, size)).toString('hex')).toBe(root);
      expect(tree.root().toString('hex')).toBe(root);
      expect(rootAt(size, grow(8)).toString('hex')).toBe(root);
    },
  );

  it.each(INCLUSION)(
    'proves leaf %i in a tree of %i as published',
    (leafIndex, treeSize, proof) => {
      const made = inclusionProof(leafIndex, treeSize, grow(8));
      expect(hexes(made)).toEqual(proof);
      const leaf = leafHash(LEAVES[leafIndex]!);
      expect(verifyInclusion(leafIndex, treeSize, leaf, made, hex(ROOTS[treeSize]!))).toBe(true);
    },
  );

  it.each(CONSISTENCY)(
    'proves the tree of %i a prefix of the tree of %i as published',
    (m, n, proof) => {
      const made = consistencyProof(m, n, grow(8));
      expect(hexes(made)).toEqual(proof);
      expect(verifyConsistency(m, n, hex(ROOTS[m]!), hex(ROOTS[n]!), made)).toBe(true);
    },
  );

  it('reports every completed perfect subtree, so a tree of 8 stores 15 nodes', () => {
    const tree = new CompactRange();
    const completed = LEAVES.flatMap((entry) => tree.append(leafHash(entry)));
    expect(completed.map(({ level, index }) => `${level}/${index}`)).toEqual(
      [
        '0/0',
        '0/1',
        '1/0',
        '0/2',
        '0/3',
        '1/1',
        '2/0',
        '0/4',
        '0/5',
        '1/2',
        '0/6',
        '0/7',
        '1/3',
      ].concat(['2/1', '3/0']),
    );
    expect(hexes(tree.hashes as Buffer[])).toEqual([ROOTS[8]]);
  });

  it('resumes from a stored size and peaks', () => {
    const tree = new CompactRange();
    LEAVES.slice(0, 7).forEach((entry) => tree.append(leafHash(entry)));
    const resumed = new CompactRange(tree.size, tree.hashes);
    resumed.append(leafHash(LEAVES[7]!));
    expect(resumed.root().toString('hex')).toBe(ROOTS[8]);
    expect(() => new CompactRange(7, tree.hashes.slice(1))).toThrow(RangeError);
  });

  it.each([
    ['a leaf beyond the tree', () => inclusionProof(3, 3, grow(8))],
    ['a negative leaf', () => inclusionProof(-1, 3, grow(8))],
    ['an empty tree', () => inclusionProof(0, 0, grow(8))],
    ['a tree larger than stored', () => inclusionProof(0, 9, grow(8))],
    ['a fractional size', () => rootAt(2.5, grow(8))],
    ['first beyond second', () => consistencyProof(5, 4, grow(8))],
    ['second larger than stored', () => consistencyProof(3, 9, grow(8))],
  ])('refuses %s with a RangeError', (_name, make) => {
    expect(make).toThrow(RangeError);
  });

  it('answers false, without throwing, to malformed verification input', () => {
    const root = hex(ROOTS[8]!);
    const leaf = leafHash(LEAVES[0]!);
    const proof = inclusionProof(0, 8, grow(8));
    expect(verifyInclusion(0, 8, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(0, 8, leaf, proof, root.subarray(1))).toBe(false);
    expect(verifyInclusion(0, 8, leaf.subarray(1), proof, root)).toBe(false);
    expect(verifyInclusion(0, 8, leaf, [...proof, Buffer.alloc(0)], root)).toBe(false);
    expect(verifyInclusion(0, Number.NaN, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(-1, 8, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(0, 8, leaf, 'nope' as unknown as Buffer[], root)).toBe(false);
    const short = Buffer.from('not a hash');
    expect(verifyInclusion(0, 1, short, [], short)).toBe(false);
    expect(verifyInclusion(0, 2, leaf, [42 as unknown as Buffer], root)).toBe(false);
    expect(verifyConsistency(2, 2, short, short, [])).toBe(false);
    expect(verifyConsistency(9, 8, root, root, [])).toBe(false);
    expect(verifyConsistency(0, 8, emptyRoot(), root, [])).toBe(true);
    expect(verifyConsistency(0, 8, root, root, [])).toBe(false);
    expect(verifyConsistency(0, 8, emptyRoot(), root, [root])).toBe(false);
    expect(verifyConsistency(8, 8, root, root, [root])).toBe(false);
    expect(verifyConsistency(1, 8, hex(ROOTS[1]!), root, [])).toBe(false);
    expect(verifyConsistency(1, 8, hex(ROOTS[1]!), root, null as unknown as Buffer[])).toBe(false);
  });
});
