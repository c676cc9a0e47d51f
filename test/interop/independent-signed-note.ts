import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * A second, independent reading of C2SP signed-note (Ed25519 only) and tlog-checkpoint, written
 * from https://c2sp.org/signed-note and https://c2sp.org/tlog-checkpoint for the interop tests.
 * It imports nothing from Marginalia. Every refusal throws a `NoteRefused` naming the rule.
 */

export class NoteRefused extends Error {}

/** A verifier key as C2SP spells it: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export interface IndependentKey {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

const ED25519_TYPE = 0x01;
const EM_DASH_SPACE = '\u2014 ';
// C2SP: verifiers SHOULD bound the signatures and MUST accept 16; golang.org/x/mod accepts 100.
const SIGNATURE_LIMIT = 100;

/** A key name: non-empty, with no Unicode space and no plus. */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !name.includes('+') && !/\s/u.test(name);
}

/** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], big-endian. */
export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Uint8Array.of(0x0a, ED25519_TYPE))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** RFC 4648 §4 base64, padded, in its one spelling; `undefined` for anything else. */
export function strictBase64(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function readVerifierKey(vkey: string): IndependentKey {
  // The base64 part may hold pluses of its own: the name and the ID end at the first two.
  const match = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/s.exec(vkey);
  if (!match) throw new NoteRefused('a verifier key is <name>+<8 lowercase hex>+<base64>');
  const [, name, hexId, encoded] = match as unknown as [string, string, string, string];
  if (!isKeyName(name)) throw new NoteRefused('bad key name');
  const key = strictBase64(encoded);
  if (!key || key.length !== 33 || key[0] !== ED25519_TYPE) {
    throw new NoteRefused('the key is base64(0x01 || 32-byte Ed25519 public key)');
  }
  const raw = key.subarray(1);
  const keyId = Number.parseInt(hexId, 16);
  if (ed25519KeyId(name, raw) !== keyId) throw new NoteRefused('the key ID does not match');
  // A JWK (RFC 8037) rather than DER, so this reading shares no encoding trick with the product.
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return { name, keyId, publicKey };
}

export interface SignatureLine {
  name: string;
  keyId: number;
  base64: string;
}

export interface VerifiedNote {
  /** The note text, final newline included, separating blank line excluded. */
  text: string;
  verified: SignatureLine[];
  unknown: SignatureLine[];
}

/**
 * Opens a signed note: valid UTF-8 with no control character but newline; the text ends at the
 * last blank line; each signature line is `— <name> <base64(key ID || signature)>`. Unknown keys
 * are ignored; a known key's bad signature refuses the note; so does having no good one.
 */
export function verifyNote(
  note: Uint8Array | string,
  keys: readonly IndependentKey[],
): VerifiedNote {
  const bytes = typeof note === 'string' ? Buffer.from(note, 'utf8') : Buffer.from(note);
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NoteRefused('a note is valid UTF-8');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f]/.test(source)) throw new NoteRefused('control character');
  const blank = source.lastIndexOf('\n\n');
  if (blank < 0) throw new NoteRefused('no blank line before the signatures');
  const text = source.slice(0, blank + 1);
  const block = source.slice(blank + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new NoteRefused('one or more signature lines, each ending in a newline');
  }
  const written = block.slice(0, -1).split('\n');
  if (written.length > SIGNATURE_LIMIT) throw new NoteRefused('too many signatures');
  // A line written twice counts once, as golang.org/x/mod reads it.
  const lines = [...new Set(written)];
  const message = Buffer.from(text, 'utf8');
  const verified: SignatureLine[] = [];
  const unknown: SignatureLine[] = [];
  for (const line of lines) {
    const parsed = /^\u2014 (\S+) (\S+)$/u.exec(line);
    const signature = parsed ? strictBase64(parsed[2]!) : undefined;
    if (!parsed || !line.startsWith(EM_DASH_SPACE) || !isKeyName(parsed[1]!) || !signature) {
      throw new NoteRefused(`not a signature line: ${JSON.stringify(line)}`);
    }
    if (signature.length < 5) throw new NoteRefused('a signature holds a key ID and a signature');
    const entry = { name: parsed[1]!, keyId: signature.readUInt32BE(0), base64: parsed[2]! };
    const key = keys.find((k) => k.name === entry.name && k.keyId === entry.keyId);
    if (!key) {
      unknown.push(entry);
      continue;
    }
    const ed25519 = signature.subarray(4);
    if (ed25519.length !== 64 || !verify(null, message, key.publicKey, ed25519)) {
      throw new NoteRefused(`bad signature by ${entry.name}`);
    }
    verified.push(entry);
  }
  if (verified.length === 0) throw new NoteRefused('no signature from a known key');
  return { text, verified, unknown };
}

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  extensions: string[];
}

/** A tlog-checkpoint note text: origin, decimal size with no leading zero, base64 root hash. */
export function readCheckpointText(text: string): CheckpointBody {
  if (!text.endsWith('\n')) throw new NoteRefused('the text ends in a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || size === undefined || root === undefined) {
    throw new NoteRefused('origin, tree size and root hash lines');
  }
  if (!/^(?:0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new NoteRefused('the tree size is ASCII decimal with no leading zero');
  }
  const rootHash = strictBase64(root);
  if (!rootHash || rootHash.length !== 32) throw new NoteRefused('the root is base64 of 32 bytes');
  if (extensions.some((line) => line.length === 0)) {
    throw new NoteRefused('extension lines are non-empty');
  }
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/** The checkpoint of a signed note, once the note has verified with one of the keys. */
export function verifyCheckpoint(
  note: Uint8Array | string,
  keys: readonly IndependentKey[],
): CheckpointBody & { note: VerifiedNote } {
  const opened = verifyNote(note, keys);
  return { ...readCheckpointText(opened.text), note: opened };
}
