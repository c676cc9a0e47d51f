import { describe, expect, it, jest } from '@jest/globals';
import { encodeBase64 as base64 } from './checkpoint';
import { checkKeptCheckpoint, verifyConsistencyProof } from './consistency';

type Bytes = Uint8Array<ArrayBuffer>;

/** The server's Merkle tree and signing code, loaded at run time (see checkpoint.unit.spec.ts). */
interface ServerLog {
  MemoryTreeNodes: new () => { put(node: unknown): void };
  CompactRange: new () => { append(leaf: Uint8Array): unknown[]; root(): Uint8Array };
  leafHash(entry: Uint8Array): Uint8Array;
  consistencyProof(first: number, second: number, nodes: unknown): Uint8Array[];
  verifyConsistency(m: number, n: number, a: Uint8Array, b: Uint8Array, p: Uint8Array[]): boolean;
  generateSigner(name: string, seed: Uint8Array): { signer: unknown; verifierKey: string };
  signNote(text: string, signers: unknown[]): string;
  formatCheckpoint(checkpoint: { origin: string; treeSize: number; rootHash: Uint8Array }): string;
}
const server = jest.requireActual<ServerLog>('../../../../libs/verifiable-log/src');

const ORIGIN = 'news.example/marginalia';
const MAX = 40;

function bytes(buffer: Uint8Array): Bytes {
  return new Uint8Array(buffer);
}

const nodes = new server.MemoryTreeNodes();
const tree = new server.CompactRange();
const roots: Bytes[] = [bytes(tree.root())];
for (let i = 0; i < MAX; i++) {
  tree.append(server.leafHash(new TextEncoder().encode(`event ${i}`))).forEach((n) => nodes.put(n));
  roots.push(bytes(tree.root()));
}
const proof = (m: number, n: number): Bytes[] =>
  server.consistencyProof(m, n, nodes).map((hash) => bytes(hash));

const { signer, verifierKey } = server.generateSigner(ORIGIN, new Uint8Array(32).fill(3));
const noteOf = (size: number, root = roots[size]!, origin = ORIGIN) =>
  server.signNote(server.formatCheckpoint({ origin, treeSize: size, rootHash: root }), [signer]);
const bodyOf = (size: number) => ({
  origin: ORIGIN,
  treeSize: size,
  rootHash: base64(roots[size]!),
});
const proofOf = (m: number, n: number) => Promise.resolve(proof(m, n).map(base64));

describe('checking that the log extends a kept checkpoint (RFC 9162 consistency)', () => {
  it('accepts the server’s proof between every pair of sizes', async () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 0; m <= n; m++) {
        const ok = await verifyConsistencyProof(m, n, roots[m]!, roots[n]!, proof(m, n));
        if (!ok) throw new Error(`refused the proof from ${m} to ${n}`);
      }
    }
  });

  it('refuses a proof with a hash changed, a wrong root or the wrong sizes', async () => {
    for (const [m, n] of [
      [3, 7],
      [4, 8],
      [5, 33],
      [1, 2],
      [16, 40],
    ] as const) {
      const good = proof(m, n);
      for (let i = 0; i < good.length; i++) {
        const bad = good.map((hash, j) =>
          j === i ? hash.map((b, k) => (k === 0 ? b ^ 1 : b)) : hash,
        );
        expect(await verifyConsistencyProof(m, n, roots[m]!, roots[n]!, bad)).toBe(false);
      }
      expect(await verifyConsistencyProof(m, n, roots[m + 1]!, roots[n]!, good)).toBe(false);
      expect(await verifyConsistencyProof(m, n, roots[m]!, roots[n - 1]!, good)).toBe(false);
      // The sizes come from signed checkpoints: a proof of the same shape fits another size,
      // in the server's verifier as in this one.
      expect(await verifyConsistencyProof(m, n + 1, roots[m]!, roots[n]!, good)).toBe(
        server.verifyConsistency(m, n + 1, roots[m]!, roots[n]!, good),
      );
      expect(await verifyConsistencyProof(m, n, roots[m]!, roots[n]!, good.slice(1))).toBe(false);
    }
  });

  it('takes the empty tree as a prefix only when its root is the empty tree’s', async () => {
    expect(await verifyConsistencyProof(0, 9, roots[0]!, roots[9]!, [])).toBe(true);
    expect(await verifyConsistencyProof(0, 9, roots[1]!, roots[9]!, [])).toBe(false);
  });

  it('says the log extends a kept checkpoint signed by the key', async () => {
    const check = await checkKeptCheckpoint(noteOf(13), bodyOf(37), verifierKey, proofOf);
    expect(check).toMatchObject({
      status: 'extends',
      kept: { treeSize: 13 },
      latest: { treeSize: 37 },
    });
    const same = await checkKeptCheckpoint(noteOf(37), bodyOf(37), verifierKey, proofOf);
    expect(same.status).toBe('extends');
  });

  it('catches a log rewritten under the kept checkpoint, even re-signed with the same key', async () => {
    // The kept root is of another history of 13 events than the one the log now has.
    const rewritten = roots[13]!.map((b, i) => (i === 5 ? b ^ 0xff : b));
    const check = await checkKeptCheckpoint(
      noteOf(13, rewritten),
      bodyOf(37),
      verifierKey,
      proofOf,
    );
    expect(check.status).toBe('inconsistent');
    const sameSize = await checkKeptCheckpoint(
      noteOf(37, rewritten),
      bodyOf(37),
      verifierKey,
      proofOf,
    );
    expect(sameSize.status).toBe('inconsistent');
  });

  it('says when the log is now shorter than the kept checkpoint, or another log', async () => {
    expect((await checkKeptCheckpoint(noteOf(38), bodyOf(37), verifierKey, proofOf)).status).toBe(
      'log_shorter',
    );
    const elsewhere = noteOf(13, roots[13], 'other.example/log');
    expect((await checkKeptCheckpoint(elsewhere, bodyOf(37), verifierKey, proofOf)).status).toBe(
      'other_log',
    );
  });

  it('refuses a kept note whose signature does not verify', async () => {
    const tampered = noteOf(13).replace('\n13\n', '\n12\n');
    expect(await checkKeptCheckpoint(tampered, bodyOf(37), verifierKey, proofOf)).toMatchObject({
      status: 'kept_not_verified',
      verification: { status: 'failed', reason: 'bad_signature' },
    });
  });
});
