import { Buffer } from 'node:buffer';
import {
  AmbiguousNoteKeyError,
  InvalidNoteSignatureError,
  MalformedNoteError,
  UnverifiedNoteError,
} from './note-errors';
import { decodeBase64, isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys';

/** One signature line: the key it names, and the base64 of key ID || signature as written. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

/** An opened note: its text (final newline included) and what its signature lines showed. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures from known keys, each checked and good; never empty. */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys not given, ignored as C2SP requires (a witness's, a rotated key's). */
  readonly unknown: readonly NoteSignature[];
}

const SIGNATURE_PREFIX = '\u2014 ';
/** C2SP: verifiers SHOULD bound the signatures and MUST take at least 16; Go's bound is 100. */
const MAX_SIGNATURES = 100;

/**
 * The signed note: the text, a blank line, then `— <name> <base64(key ID || signature)>` per
 * signer. The text must end in a newline and hold only what a note may (valid UTF-8, no control
 * character but newline); each signature covers the text with its final newline.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkCharacters(text);
  if (!text.endsWith('\n')) throw new MalformedNoteError('the text must end in a newline');
  if (signers.length === 0) throw new MalformedNoteError('a note needs at least one signature');
  if (signers.length > MAX_SIGNATURES) throw new MalformedNoteError('too many signatures');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new MalformedNoteError('invalid key name');
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(signer.keyId);
    const signature = Buffer.concat([keyId, signer.sign(message)]).toString('base64');
    return `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Opens a signed note against the known keys, per C2SP signed-note: signatures from unknown keys
 * are ignored, every signature from a known key is checked and one that fails refuses the note,
 * and a note with no good signature from a known key is refused. Bytes are read as strict UTF-8.
 */
export function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): OpenedNote {
  const source = typeof note === 'string' ? note : decodeUtf8(note);
  checkCharacters(source);
  // The text may hold blank lines: the last one separates it from the signatures.
  const split = source.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('no blank line before the signatures');
  const text = source.slice(0, split + 1);
  const block = source.slice(split + 2);
  if (!block.endsWith('\n')) throw new MalformedNoteError('the signatures must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new MalformedNoteError('too many signatures');

  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const { signature, bytes } = parseSignatureLine(line);
    const matches = verifiers.filter(
      (v) => v.name === signature.name && v.keyId === signature.keyId,
    );
    // Like Go's note.Open, a repeated line (or a second line by one known key) counts once.
    const key = matches.length === 0 ? `?${line}` : `${signature.name}+${signature.keyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (matches.length === 0) {
      unknown.push(signature);
      continue;
    }
    if (matches.length > 1) throw new AmbiguousNoteKeyError(signature.name, signature.keyId);
    if (!matches[0]!.verify(message, bytes.subarray(4))) {
      throw new InvalidNoteSignatureError(signature.name, signature.keyId);
    }
    verified.push(signature);
  }
  if (verified.length === 0) throw new UnverifiedNoteError(unknown);
  return { text, verified, unknown };
}

function parseSignatureLine(line: string): { signature: NoteSignature; bytes: Uint8Array } {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw new MalformedNoteError('a signature line starts with an em dash and a space');
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const base64 = space < 0 ? '' : rest.slice(space + 1);
  const bytes = decodeBase64(base64);
  if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) {
    throw new MalformedNoteError('a signature line is "— <key name> <base64 signature>"');
  }
  const keyId = Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0);
  return { signature: { name, keyId, base64 }, bytes };
}

/** Valid UTF-8 (no lone surrogate in a string) and no ASCII control character but newline. */
function checkCharacters(text: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text) || /\p{Cs}/u.test(text)) {
    throw new MalformedNoteError('a note is UTF-8 with no control character but newline');
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading U+FEFF in the text, where a signature would cover it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new MalformedNoteError('a note is valid UTF-8');
  }
}
