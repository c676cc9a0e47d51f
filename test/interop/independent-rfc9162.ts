import { createHash } from 'node:crypto';

/**
 * A second, independent reading of RFC 9162 §2.1 (Merkle Tree Hash, audit paths, consistency
 * proofs, and their verification), written from the RFC's text for the interop tests. It imports
 * nothing from Marginalia: if the product and this file agree, they agree because both follow
 * the RFC, not because they share code. Plain recursion and arithmetic, chosen for being easy to
 * check against the RFC's wording rather than for speed.
 */

/** SHA-256: every hash in the tree has this many bytes (RFC 9162 §4.1 allows no shorter one). */
export const SHA256_BYTES = 32;

function sha256(...parts: Uint8Array[]): Buffer {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  return digest.digest();
}

/** MTH({d(0)}) = HASH(0x00 || d(0)). */
export function rfcLeafHash(entry: Uint8Array): Buffer {
  return sha256(Uint8Array.of(0x00), entry);
}

/** The interior node: HASH(0x01 || left || right). */
export function rfcNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Uint8Array.of(0x01), left, right);
}

/** k, "the largest power of two smaller than n" (n > 1). */
function splitOf(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of the entries themselves; MTH({}) = HASH() of the empty string. */
export function rfcTreeHash(entries: readonly Uint8Array[]): Buffer {
  return rfcRootOfLeafHashes(entries.map(rfcLeafHash));
}

/** MTH over leaf hashes already computed, so that many prefixes of one list cost no rehashing. */
export function rfcRootOfLeafHashes(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return Buffer.from(leaves[0]!);
  const k = splitOf(leaves.length);
  return rfcNodeHash(rfcRootOfLeafHashes(leaves.slice(0, k)), rfcRootOfLeafHashes(leaves.slice(k)));
}

/** §2.1.3.1: PATH(m, D[n]) over leaf hashes, for 0 <= m < n. */
export function rfcInclusionPath(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const n = leaves.length;
  if (n <= 1) return [];
  const k = splitOf(n);
  return m < k
    ? [...rfcInclusionPath(m, leaves.slice(0, k)), rfcRootOfLeafHashes(leaves.slice(k))]
    : [...rfcInclusionPath(m - k, leaves.slice(k)), rfcRootOfLeafHashes(leaves.slice(0, k))];
}

/** §2.1.4.1: PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m <= n. */
export function rfcConsistencyProof(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [rfcRootOfLeafHashes(leaves)];
  const k = splitOf(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), b), rfcRootOfLeafHashes(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rfcRootOfLeafHashes(leaves.slice(0, k))];
}

const isSize = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isHash = (h: unknown): h is Uint8Array =>
  h instanceof Uint8Array && h.length === SHA256_BYTES;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
// LSB and right shifts on numbers beyond 2^31 without JavaScript's 32-bit bit operators.
const lsb = (n: number) => n % 2 === 1;
const shift = (n: number) => Math.floor(n / 2);

/** §2.1.3.2, step by step. Any malformed input is a failed verification, never an exception. */
export function rfcVerifyInclusion(
  leafIndex: number,
  treeSize: number,
  hash: Uint8Array,
  inclusionPath: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || !isHash(hash) || !isHash(rootHash)) return false;
  if (!Array.isArray(inclusionPath) || !inclusionPath.every(isHash)) return false;
  // 1. leaf_index >= tree_size fails.
  if (leafIndex >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = hash;
  // 4. For each p in inclusion_path:
  for (const p of inclusionPath) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = rfcNodeHash(p, r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) [fn, sn] = [shift(fn), shift(sn)];
      }
    } else {
      r = rfcNodeHash(r, p);
    }
    [fn, sn] = [shift(fn), shift(sn)];
  }
  // 5. sn must be 0 and r must equal root_hash.
  return sn === 0 && same(r, rootHash);
}

/**
 * §2.1.4.2 for 0 < first < second. For first = second the proof is empty (PROOF(n, D[n]) = {})
 * and the two roots must be equal. A first of 0 lies outside the RFC's algorithm and is refused,
 * as transparency-dev/merkle refuses it.
 */
export function rfcVerifyConsistency(
  first: number,
  second: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  consistencyPath: readonly Uint8Array[],
): boolean {
  if (!isSize(first) || !isSize(second) || !isHash(firstHash) || !isHash(secondHash)) return false;
  if (!Array.isArray(consistencyPath) || !consistencyPath.every(isHash)) return false;
  if (first === 0 || first > second) return false;
  if (first === second) return consistencyPath.length === 0 && same(firstHash, secondHash);
  // 1. An empty consistency_path fails.
  if (consistencyPath.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isExactPowerOfTwo(first) ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3. fn = first - 1, sn = second - 1.
  let fn = first - 1;
  let sn = second - 1;
  // 4. While LSB(fn) is set, right-shift both.
  while (lsb(fn)) [fn, sn] = [shift(fn), shift(sn)];
  // 5. fr = sr = the first value of the path.
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6. For each subsequent value c:
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = rfcNodeHash(c, fr);
      sr = rfcNodeHash(c, sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) [fn, sn] = [shift(fn), shift(sn)];
      }
    } else {
      sr = rfcNodeHash(sr, c);
    }
    [fn, sn] = [shift(fn), shift(sn)];
  }
  // 7. fr = first_hash, sr = second_hash, and sn = 0.
  return same(fr, firstHash) && same(sr, secondHash) && sn === 0;
}

function isExactPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
