/**
 * Whether today's log extends a checkpoint the auditor kept, unchanged: the kept note's
 * signature, then RFC 9162 §2.1.4.2's consistency proof from its tree to the latest one's. This
 * is what catches a log rewritten after the fact, even one re-signed with the same key. Pure:
 * the proof's hashes arrive through `proofOf`; SHA-256 is Web Crypto's.
 */
import {
  type CheckpointBody,
  type CheckpointVerification,
  decodeBase64,
  verifyCheckpoint,
} from './checkpoint';

type Bytes = Uint8Array<ArrayBuffer>;

export type KeptCheckpointCheck =
  | { status: 'extends'; kept: CheckpointBody; latest: CheckpointBody }
  | { status: 'kept_not_verified'; verification: CheckpointVerification }
  | { status: 'other_log'; kept: CheckpointBody; latest: CheckpointBody }
  | { status: 'log_shorter'; kept: CheckpointBody; latest: CheckpointBody }
  | { status: 'inconsistent'; kept: CheckpointBody; latest: CheckpointBody };

async function nodeHash(subtle: SubtleCrypto, left: Bytes, right: Bytes): Promise<Bytes> {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return new Uint8Array(await subtle.digest('SHA-256', input));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `second` leaves extends that of `first`? */
export async function verifyConsistencyProof(
  first: number,
  second: number,
  firstRoot: Bytes,
  secondRoot: Bytes,
  proof: Bytes[],
  subtle: SubtleCrypto = crypto.subtle,
): Promise<boolean> {
  if (first < 0 || first > second) return false;
  // Nothing to prove for the empty tree (if it is the empty one), nor between a tree and itself.
  if (first === 0) {
    const empty = new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(0)));
    return proof.length === 0 && equal(firstRoot, empty);
  }
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn & 1) {
    fn >>>= 1;
    sn >>>= 1;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = await nodeHash(subtle, c, fr);
      sr = await nodeHash(subtle, c, sr);
      while (!(fn & 1) && fn !== 0) {
        fn >>>= 1;
        sn >>>= 1;
      }
    } else {
      sr = await nodeHash(subtle, sr, c);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  return equal(fr, firstRoot) && equal(sr, secondRoot) && sn === 0;
}

/**
 * Checks a kept checkpoint note against the latest (already verified) one: the kept note must be
 * signed by the same key, come from the same log, and the log must extend it by the proof.
 */
export async function checkKeptCheckpoint(
  keptNote: string,
  latest: CheckpointBody,
  verifierKey: string,
  proofOf: (first: number, second: number) => Promise<string[]>,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<KeptCheckpointCheck> {
  const verification = await verifyCheckpoint(keptNote, verifierKey, subtle);
  if (verification.status !== 'verified') return { status: 'kept_not_verified', verification };
  const kept = verification.checkpoint;
  if (kept.origin !== latest.origin) return { status: 'other_log', kept, latest };
  if (kept.treeSize > latest.treeSize) return { status: 'log_shorter', kept, latest };
  const keptRoot = decodeBase64(kept.rootHash)!;
  const latestRoot = decodeBase64(latest.rootHash)!;
  const hashes =
    kept.treeSize === 0 || kept.treeSize === latest.treeSize
      ? []
      : await proofOf(kept.treeSize, latest.treeSize);
  const proof = hashes.map((hash) => decodeBase64(hash) ?? new Uint8Array(0));
  const consistent = await verifyConsistencyProof(
    kept.treeSize,
    latest.treeSize,
    keptRoot,
    latestRoot,
    proof,
    subtle,
  );
  return { status: consistent ? 'extends' : 'inconsistent', kept, latest };
}
