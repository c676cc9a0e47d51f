import { Buffer } from 'node:buffer';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { MalformedNoteKeyError, formatKeyId } from './note-errors';

/** The C2SP signed-note signature type of Ed25519, the only one Marginalia signs or verifies. */
const ED25519 = 0x01;
const KEY_BYTES = 32;
// DER headers that wrap a raw Ed25519 seed (PKCS #8) or public key (SPKI) for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A known key: checks signatures made over a note text by the key `name`+`keyId`. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** `<name>+<hex key id>+<base64(0x01 || public key)>`, the text an auditor pins. */
  readonly verifierKey: string;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A signing key; `sign` returns the bare Ed25519 signature of the text. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly verifierKey: string;
  sign(text: Uint8Array): Uint8Array;
}

/**
 * C2SP key names: non-empty, no Unicode space (Go's unicode.IsSpace is exactly the Unicode
 * White_Space property), no plus, and no lone surrogate (a JavaScript string's invalid UTF-8).
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && !/\p{Cs}/u.test(name);
}

/** SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian: the Ed25519 key ID. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return keyIdOfEncoded(name, Buffer.concat([Uint8Array.of(ED25519), publicKey]));
}

/** The verifier key text of an Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkName(name);
  checkLength(publicKey, 'public key');
  const encoded = Buffer.concat([Uint8Array.of(ED25519), publicKey]).toString('base64');
  return `${name}+${formatKeyId(noteKeyId(name, publicKey))}+${encoded}`;
}

/** The private key text `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>`: a secret. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  checkName(name);
  checkLength(seed, 'seed');
  const publicKey = publicKeyOfSeed(seed);
  const encoded = Buffer.concat([Uint8Array.of(ED25519), seed]).toString('base64');
  return `PRIVATE+KEY+${name}+${formatKeyId(noteKeyId(name, publicKey))}+${encoded}`;
}

/** Reads a verifier key text, refusing any whose key ID does not match its name and key. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, key } = splitKeyText(text);
  if (keyId !== keyIdOfEncoded(name, key)) {
    throw new MalformedNoteKeyError('the key ID does not match the name and key');
  }
  return ed25519Verifier(name, ed25519Key(key));
}

/** Reads a private key text; its key ID must be that of the public key the seed gives. */
export function parseSignerKey(text: string): NoteSigner {
  if (!text.startsWith('PRIVATE+KEY+')) {
    throw new MalformedNoteKeyError('a private key text starts with PRIVATE+KEY+');
  }
  const { name, keyId, key } = splitKeyText(text.slice('PRIVATE+KEY+'.length));
  const signer = ed25519Signer(name, ed25519Key(key));
  if (signer.keyId !== keyId) {
    throw new MalformedNoteKeyError('the key ID does not match the name and key');
  }
  return signer;
}

/**
 * The signer, its private key text and its verifier key text for a 32-byte seed. The caller
 * supplies the randomness (node:crypto's randomBytes(32) outside this pure library).
 */
export function generateSigner(
  name: string,
  seed: Uint8Array,
): { signer: NoteSigner; signerKey: string; verifierKey: string } {
  const signerKey = formatSignerKey(name, seed);
  const signer = parseSignerKey(signerKey);
  return { signer, signerKey, verifierKey: signer.verifierKey };
}

function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const keyObject = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
  return {
    name,
    keyId: noteKeyId(name, publicKey),
    verifierKey: formatVerifierKey(name, publicKey),
    verify: (text, signature) =>
      signature.length === 64 && verify(null, text, keyObject, signature),
  };
}

function ed25519Signer(name: string, seed: Uint8Array): NoteSigner {
  const keyObject = privateKeyOfSeed(seed);
  const publicKey = publicKeyOfSeed(seed);
  return {
    name,
    keyId: noteKeyId(name, publicKey),
    verifierKey: formatVerifierKey(name, publicKey),
    sign: (text) => new Uint8Array(sign(null, text, keyObject)),
  };
}

function privateKeyOfSeed(seed: Uint8Array) {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

function publicKeyOfSeed(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyOfSeed(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

/** `<name>+<8 hex digits>+<base64>`; the base64 may itself hold pluses, so split at two only. */
function splitKeyText(text: string): { name: string; keyId: number; key: Uint8Array } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new MalformedNoteKeyError('expected <name>+<key id>+<key>');
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  checkName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) {
    throw new MalformedNoteKeyError('the key ID is not 8 hex digits');
  }
  const key = decodeBase64(text.slice(second + 1));
  if (key === undefined || key.length === 0) {
    throw new MalformedNoteKeyError('the key is not base64');
  }
  return { name, keyId: Number.parseInt(hex, 16), key };
}

/** The key ID over the encoded key as written (type byte first), whatever its algorithm. */
function keyIdOfEncoded(name: string, encoded: Uint8Array): number {
  return createHash('sha256').update(`${name}\n`, 'utf8').update(encoded).digest().readUInt32BE(0);
}

function ed25519Key(encoded: Uint8Array): Uint8Array {
  if (encoded[0] !== ED25519) {
    throw new MalformedNoteKeyError(`unsupported signature type ${encoded[0]}`);
  }
  const key = encoded.subarray(1);
  checkLength(key, 'key');
  return key;
}

function checkName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new MalformedNoteKeyError('a key name is non-empty, with no space and no plus');
  }
}

function checkLength(key: Uint8Array, what: string): void {
  if (key.length !== KEY_BYTES) {
    throw new MalformedNoteKeyError(`an Ed25519 ${what} is ${KEY_BYTES} bytes`);
  }
}

/**
 * Standard base64 (RFC 4648 §4) with padding, in its one canonical spelling: Buffer's decoder
 * skips stray characters, so the text must re-encode to itself. `undefined` when it does not.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}
