import {
  CompactRange,
  MemoryTreeNodes,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  rootAt,
  signNote,
  treeHash,
  UnverifiedNoteError,
  verifyConsistency,
  verifyInclusion,
} from '@marginalia/verifiable-log';
import {
  rfcConsistencyProof,
  rfcInclusionPath,
  rfcLeafHash,
  rfcRootOfLeafHashes,
  rfcTreeHash,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from './independent-rfc9162';
import {
  NoteRefused,
  readCheckpointText,
  readVerifierKey,
  verifyNote,
} from './independent-signed-note';
import {
  C2SP,
  CONSISTENCY_PROBES,
  GO_NOTE,
  INCLUSION_PROBES,
  LEAF_INPUTS,
  NODE_HASHES,
  ROOT_HASHES,
  type ConsistencyProbe,
  type InclusionProbe,
} from './published-vectors';

/**
 * Part one of issue 15's interop check: the product and an independent implementation written
 * from the RFC and C2SP texts both reproduce the published vectors of transparency-dev/merkle,
 * golang.org/x/mod sumdb/note and C2SP (see vectors/README.md). Part two, at scale and with
 * product checkpoints, is verifiable-log-cross-check.spec.ts.
 */

const hex = (list: readonly Uint8Array[]) => list.map((b) => Buffer.from(b).toString('hex'));
const LEAF_HASHES = LEAF_INPUTS.map(rfcLeafHash);

function productTree(): MemoryTreeNodes {
  const nodes = new MemoryTreeNodes();
  const tree = new CompactRange();
  for (const entry of LEAF_INPUTS) tree.append(leafHash(entry)).forEach((n) => nodes.put(n));
  return nodes;
}

const verdictOfInclusion = (verify: typeof rfcVerifyInclusion) => (p: InclusionProbe) =>
  verify(p.leafIdx, p.treeSize, p.leafHash, p.proof, p.root);
const verdictOfConsistency = (verify: typeof rfcVerifyConsistency) => (p: ConsistencyProbe) =>
  verify(p.size1, p.size2, p.root1, p.root2, p.proof);

/** The probes where a verifier's answer is not transparency-dev/merkle's, by file. */
function disagreements<P extends { file: string; wantErr: boolean }>(
  probes: readonly P[],
  accepts: (probe: P) => boolean,
): string[] {
  return probes.filter((p) => accepts(p) === p.wantErr).map((p) => p.file);
}

// Go checks no hash length when the two sizes are equal; RFC 9162 §4.1 hashes are 32 bytes, so
// both TypeScript readings refuse these 12-byte "don't care" roots.
const SHORT_ROOTS = 'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json';
describe('the published vectors hold the classic eight leaves and their proofs', () => {
  it('were read from the copied files', () => {
    expect(hex(LEAF_INPUTS)).toEqual([
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ]);
    expect(ROOT_HASHES).toHaveLength(9);
    expect(NODE_HASHES.map((level) => level.length)).toEqual([8, 4, 2, 1]);
    expect([INCLUSION_PROBES.length, CONSISTENCY_PROBES.length]).toEqual([98, 98]);
    expect(INCLUSION_PROBES.filter((p) => !p.wantErr)).toHaveLength(6);
    expect(CONSISTENCY_PROBES.filter((p) => !p.wantErr)).toHaveLength(6);
  });
});

describe.each([
  ['the independent RFC 9162 reading', rfcVerifyInclusion, rfcVerifyConsistency, [SHORT_ROOTS]],
  ['the product', verifyInclusion, verifyConsistency, [SHORT_ROOTS]],
] as const)('%s against transparency-dev/merkle', (_, inclusion, consistency, expected) => {
  it('accepts every published inclusion proof and refuses every corrupted one', () => {
    expect(disagreements(INCLUSION_PROBES, verdictOfInclusion(inclusion))).toEqual([]);
  });

  it('accepts every published consistency proof and refuses every corrupted one, bar one', () => {
    expect(disagreements(CONSISTENCY_PROBES, verdictOfConsistency(consistency))).toEqual(expected);
  });
});

// RFC 9162 defines consistency proofs for 0 < first < second only, and Go calls a proof from
// the empty tree meaningless; the product accepts an empty proof from the real empty root.
it('differs on purpose from the RFC reading in one place: the empty tree is a prefix of all', () => {
  const root8 = ROOT_HASHES[8]!;
  expect(verifyConsistency(0, 8, emptyRoot(), root8, [])).toBe(true);
  expect(rfcVerifyConsistency(0, 8, emptyRoot(), root8, [])).toBe(false);
  expect(verifyConsistency(0, 8, ROOT_HASHES[1]!, root8, [])).toBe(false);
});

describe('the independent RFC 9162 reading reproduces the published hashes', () => {
  it.each(ROOT_HASHES.map((root, size) => [size, root] as const))(
    'MTH of the first %i leaves is the published root',
    (size, root) => {
      expect(rfcTreeHash(LEAF_INPUTS.slice(0, size)).equals(root)).toBe(true);
    },
  );

  it('hashes every perfect subtree to the published node hash', () => {
    NODE_HASHES.forEach((level, height) =>
      level.forEach((node, index) => {
        const width = 2 ** height;
        const leaves = LEAF_HASHES.slice(index * width, (index + 1) * width);
        expect(rfcRootOfLeafHashes(leaves).toString('hex')).toBe(node.toString('hex'));
      }),
    );
  });

  it('writes PATH(m, D[n]) and PROOF(m, D[n]) exactly as published', () => {
    for (const p of INCLUSION_PROBES.filter((p) => p.file.endsWith('/happy-path.json'))) {
      expect(p.leafHash.equals(LEAF_HASHES[p.leafIdx]!)).toBe(true);
      expect(hex(rfcInclusionPath(p.leafIdx, LEAF_HASHES.slice(0, p.treeSize)))).toEqual(
        hex(p.proof),
      );
    }
    for (const p of CONSISTENCY_PROBES.filter((p) => p.file.endsWith('/happy-path.json'))) {
      expect(p.root1.equals(ROOT_HASHES[p.size1]!)).toBe(true);
      expect(hex(rfcConsistencyProof(p.size1, LEAF_HASHES.slice(0, p.size2)))).toEqual(
        hex(p.proof),
      );
    }
  });
});

describe('the product reproduces the published hashes and proofs', () => {
  const nodes = productTree();

  it('gives the published root for every size, naively and from its stored nodes', () => {
    ROOT_HASHES.forEach((root, size) => {
      expect(treeHash(LEAF_INPUTS.slice(0, size)).toString('hex')).toBe(root.toString('hex'));
      expect(rootAt(size, nodes).toString('hex')).toBe(root.toString('hex'));
    });
    expect(emptyRoot().equals(ROOT_HASHES[0]!)).toBe(true);
  });

  it('stores exactly the published perfect subtrees', () => {
    NODE_HASHES.forEach((level, height) =>
      level.forEach((node, index) => expect(nodes.node(height, index)?.equals(node)).toBe(true)),
    );
  });

  it.each(INCLUSION_PROBES.filter((p) => p.file.endsWith('/happy-path.json') && p.treeSize <= 8))(
    'gives the published inclusion proof of $file',
    ({ leafIdx, treeSize, proof }) => {
      expect(hex(inclusionProof(leafIdx, treeSize, nodes))).toEqual(hex(proof));
    },
  );

  it.each(CONSISTENCY_PROBES.filter((p) => p.file.endsWith('/happy-path.json')))(
    'gives the published consistency proof of $file',
    ({ size1, size2, proof }) => {
      expect(hex(consistencyProof(size1, size2, nodes))).toEqual(hex(proof));
    },
  );
});

const NOTE = GO_NOTE.text;
const openers = {
  independent: (note: string | Uint8Array, keys: string[]) =>
    verifyNote(note, keys.map(readVerifierKey)),
  product: (note: string | Uint8Array, keys: string[]) =>
    openNote(note, keys.map(parseVerifierKey)),
};

describe.each(Object.entries(openers))('signed notes opened by the %s verifier', (_, open) => {
  const { peterKey, enochKey, peterSig, enochSig } = GO_NOTE;
  const names = (sigs: readonly { name: string; keyId: number }[]) =>
    sigs.map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, '0')}`);

  it("verifies Go's signed note with Peter's published key", () => {
    const opened = open(GO_NOTE.signed, [peterKey]);
    expect(opened.text).toBe(NOTE);
    expect(names(opened.verified)).toEqual(['PeterNeumann+c74f20a3']);
  });

  it('verifies known keys, ignores unknown ones and refuses a note with none', () => {
    const both = `${NOTE}\n${peterSig}${enochSig}`;
    const one = open(both, [peterKey]);
    expect([names(one.verified), names(one.unknown)]).toEqual([
      ['PeterNeumann+c74f20a3'],
      ['EnochRoot+af0cfe78'],
    ]);
    expect(names(open(both, [peterKey, enochKey]).verified)).toHaveLength(2);
    expect(() => open(both, [])).toThrow();
  });

  it('refuses a bad signature, too many signatures, and the malformed notes Go refuses', () => {
    const corrupt = `${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    expect(() => open(`${NOTE}\n${corrupt}`, [peterKey])).toThrow();
    // Go's corruption above also changes the length; this one keeps it and changes a bit.
    const sameLength = peterSig.replace('x08go/ZJkuBS9UG', 'x08go/ZJkuBS9UH');
    expect(() => open(`${NOTE}\n${sameLength}`, [peterKey])).toThrow();
    expect(() => open(`${NOTE}\n${peterSig.repeat(101)}`, [peterKey])).toThrow(/many|malformed/i);
    const malformed = [
      NOTE,
      `${NOTE}\n`,
      `${NOTE}\n${peterSig.slice(0, -1)}`,
      `\x01${NOTE}\n${peterSig}`,
      `${NOTE}\n${peterSig.replace('PeterNeumann', 'Bad Name')}`,
      `${NOTE}\n${peterSig}Unexpected line.\n`,
    ];
    for (const note of malformed) expect(() => open(note, [peterKey])).toThrow();
    const notUtf8 = Buffer.concat([Buffer.of(0xff), Buffer.from(`${NOTE}\n${peterSig}`)]);
    expect(() => open(notUtf8, [peterKey])).toThrow();
  });

  it("verifies C2SP's example note with its example key", () => {
    const opened = open(C2SP.exampleNote, [C2SP.exampleKey]);
    expect([opened.text, names(opened.verified)]).toEqual([
      'This is an example message.\n',
      ['example.com/foo+530d903a'],
    ]);
  });

  it("splits C2SP's poem at its last blank line and refuses it for want of its key", () => {
    expect(() => open(C2SP.poemNote, [C2SP.exampleKey])).toThrow();
    expect(C2SP.poemNote.split('\n\n')).toHaveLength(3);
  });
});

describe('the product against the Go and C2SP keys and checkpoints', () => {
  it("reads Go's published keys with their published key IDs", () => {
    expect(parseVerifierKey(GO_NOTE.peterKey).keyId).toBe(0xc74f20a3);
    expect(parseVerifierKey(GO_NOTE.enochKey).keyId).toBe(0xaf0cfe78);
    expect(parseSignerKey(GO_NOTE.peterPrivateKey).verifierKey).toBe(GO_NOTE.peterKey);
    expect(readVerifierKey(GO_NOTE.peterKey).keyId).toBe(0xc74f20a3);
  });

  it("signs Go's text with Go's private key into exactly Go's signed note", () => {
    expect(signNote(NOTE, [parseSignerKey(GO_NOTE.peterPrivateKey)])).toBe(GO_NOTE.signed);
  });

  it("reads C2SP's example checkpoint as the independent parser does", () => {
    const [text] = C2SP.checkpointNote.split('\n\n');
    const product = parseCheckpoint(`${text}\n`);
    const independent = readCheckpointText(`${text}\n`);
    expect([product.origin, product.treeSize]).toEqual(['example.com/behind-the-sofa', 20852163]);
    expect([independent.origin, independent.treeSize]).toEqual([product.origin, product.treeSize]);
    expect(Buffer.from(product.rootHash).equals(independent.rootHash)).toBe(true);
    expect(() => openCheckpoint(C2SP.checkpointNote, [parseVerifierKey(GO_NOTE.peterKey)])).toThrow(
      UnverifiedNoteError,
    );
    expect(() => verifyNote(C2SP.checkpointNote, [readVerifierKey(GO_NOTE.peterKey)])).toThrow(
      NoteRefused,
    );
  });
});
