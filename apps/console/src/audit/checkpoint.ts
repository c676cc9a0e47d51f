/**
 * Verifies the log's checkpoint in the browser, as an auditor would with their own tools: a C2SP
 * signed note (the text up to and including the newline before the last blank line, then
 * `— <name> <base64(4-byte key id || Ed25519 signature)>` lines) checked against a verifier key
 * `<name>+<hex key id>+<base64(0x01 || public key)>`, with Web Crypto's Ed25519. Written apart
 * from the server's code on purpose: a verifier that shared the signer's code could share its
 * mistakes. Pure: strings and bytes in, a verdict out; the only dependency is `SubtleCrypto`.
 */

/** Bytes in an ArrayBuffer, as Web Crypto takes them. */
type Bytes = Uint8Array<ArrayBuffer>;

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Bytes;
}

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  /** Base64, as written in the note. */
  rootHash: string;
}

/** Why a checkpoint did not verify; the console puts each in words. */
export type VerificationFailure =
  | 'malformed_key'
  | 'key_id_mismatch'
  | 'unsupported_key_type'
  | 'malformed_note'
  | 'no_signature_by_key'
  | 'bad_signature'
  | 'malformed_checkpoint';

export type CheckpointVerification =
  | { status: 'verified'; checkpoint: CheckpointBody; key: VerifierKey }
  | {
      status: 'failed';
      reason: VerificationFailure;
      /** The checkpoint's lines when they could be read, shown as unverified. */
      checkpoint?: CheckpointBody;
      /** The key names that did sign the note, when none was the expected key. */
      signedBy?: string[];
    }
  | { status: 'unsupported'; checkpoint?: CheckpointBody };

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';

class Refusal extends Error {
  constructor(readonly reason: VerificationFailure) {
    super(reason);
  }
}

/** Standard padded base64 in its one canonical spelling, or undefined. */
export function decodeBase64(text: string): Bytes | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return encodeBase64(bytes) === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && !/\p{Cs}/u.test(name);
}

/** SHA-256(name || "\n" || encoded key)[:4] as a big-endian number. */
export async function keyIdOf(
  name: string,
  encodedKey: Uint8Array,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<number> {
  const nameBytes = new TextEncoder().encode(`${name}\n`);
  const input = new Uint8Array(nameBytes.length + encodedKey.length);
  input.set(nameBytes);
  input.set(encodedKey, nameBytes.length);
  const digest = new DataView(await subtle.digest('SHA-256', input));
  return digest.getUint32(0);
}

/** Reads a verifier key text; refuses one whose key ID is not that of its name and key. */
export async function parseVerifierKey(
  text: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<VerifierKey> {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
  if (second < 0) throw new Refusal('malformed_key');
  const name = trimmed.slice(0, first);
  const hex = trimmed.slice(first + 1, second);
  const encoded = decodeBase64(trimmed.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hex) || !encoded?.length) {
    throw new Refusal('malformed_key');
  }
  if (encoded[0] !== ED25519) throw new Refusal('unsupported_key_type');
  if (encoded.length !== 33) throw new Refusal('malformed_key');
  const keyId = Number.parseInt(hex, 16);
  if ((await keyIdOf(name, encoded, subtle)) !== keyId) throw new Refusal('key_id_mismatch');
  return { name, keyId, publicKey: encoded.subarray(1) };
}

interface SignatureLine {
  name: string;
  keyId: number;
  signature: Bytes;
}

/** Splits a note into its text (with its final newline) and its signature lines. */
export function splitNote(note: string): { text: string; signatures: SignatureLine[] } {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note) || /\p{Cs}/u.test(note)) {
    throw new Refusal('malformed_note');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Refusal('malformed_note');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new Refusal('malformed_note');
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      if (!line.startsWith(SIGNATURE_PREFIX)) throw new Refusal('malformed_note');
      const [name = '', base64 = '', ...extra] = line.slice(SIGNATURE_PREFIX.length).split(' ');
      const bytes = decodeBase64(base64);
      if (extra.length > 0 || !isValidKeyName(name) || !bytes || bytes.length < 5) {
        throw new Refusal('malformed_note');
      }
      const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
      return { name, keyId, signature: bytes.subarray(4) };
    });
  return { text, signatures };
}

/** The three lines of a C2SP tlog-checkpoint (extension lines are allowed and ignored). */
export function parseCheckpoint(text: string): CheckpointBody {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
  const [origin, size, rootHash] = lines;
  if (origin === undefined || size === undefined || rootHash === undefined) {
    throw new Refusal('malformed_checkpoint');
  }
  if (origin === '' || !/^(0|[1-9][0-9]*)$/.test(size)) throw new Refusal('malformed_checkpoint');
  if (decodeBase64(rootHash)?.length !== 32) throw new Refusal('malformed_checkpoint');
  return { origin, treeSize: Number(size), rootHash };
}

function readableCheckpoint(note: string): CheckpointBody | undefined {
  try {
    return parseCheckpoint(splitNote(note).text);
  } catch {
    return undefined;
  }
}

/**
 * Checks that `note` carries a good signature by `verifierKey` over its text, then reads the
 * checkpoint it signs. Signatures by other keys are ignored (C2SP: a witness's, a rotated key's).
 */
export async function verifyCheckpoint(
  note: string,
  verifierKey: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<CheckpointVerification> {
  const readable = readableCheckpoint(note);
  try {
    const key = await parseVerifierKey(verifierKey, subtle);
    const { text, signatures } = splitNote(note);
    const mine = signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
    if (mine.length === 0) {
      return {
        status: 'failed',
        reason: 'no_signature_by_key',
        checkpoint: readable,
        signedBy: signatures.map((s) => `${s.name}+${formatKeyId(s.keyId)}`),
      };
    }
    let cryptoKey: CryptoKey;
    try {
      cryptoKey = await subtle.importKey('raw', key.publicKey, { name: 'Ed25519' }, false, [
        'verify',
      ]);
    } catch {
      return { status: 'unsupported', checkpoint: readable };
    }
    const message = new TextEncoder().encode(text);
    for (const { signature } of mine) {
      const good =
        signature.length === 64 &&
        (await subtle.verify({ name: 'Ed25519' }, cryptoKey, signature, message));
      if (!good) return { status: 'failed', reason: 'bad_signature', checkpoint: readable };
    }
    return { status: 'verified', checkpoint: parseCheckpoint(text), key };
  } catch (error) {
    if (error instanceof Refusal) {
      return { status: 'failed', reason: error.reason, checkpoint: readable };
    }
    throw error;
  }
}
