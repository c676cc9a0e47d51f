import { Buffer } from 'node:buffer';
import { MalformedCheckpointError } from './note-errors';
import { decodeBase64, isValidKeyName, type NoteVerifier } from './note-keys';
import { openNote, type OpenedNote } from './note';

/** A C2SP tlog-checkpoint: which log, how many leaves, and the RFC 9162 root hash over them. */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  /** The 32-byte SHA-256 Merkle tree hash. */
  readonly rootHash: Uint8Array;
  /** Opaque lines after the three (NOT RECOMMENDED by C2SP; kept so a signature still covers them). */
  readonly extensions?: readonly string[];
}

const HASH_BYTES = 32;

/**
 * The checkpoint's note text: origin, decimal size and base64 root hash, then any extension
 * lines, each ending in a newline. Marginalia signs these, so the origin must also be usable as
 * the key name (no space, no plus), which C2SP recommends.
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  if (!isValidKeyName(origin) || hasControl(origin)) {
    throw new MalformedCheckpointError('the origin is non-empty, with no space and no plus');
  }
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new MalformedCheckpointError('the tree size is a whole number of leaves');
  }
  if (rootHash.length !== HASH_BYTES) {
    throw new MalformedCheckpointError(`the root hash is ${HASH_BYTES} bytes`);
  }
  for (const line of extensions) {
    if (line.length === 0 || hasControl(line)) {
      throw new MalformedCheckpointError(
        'an extension line is non-empty, with no control character',
      );
    }
  }
  const hash = Buffer.from(rootHash).toString('base64');
  return [origin, String(treeSize), hash, ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Reads a checkpoint's note text (as `openNote` returns it). A reader MUST NOT assume the origin
 * is URL-like, so any non-empty origin line is taken; the size is decimal without leading zeros.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MalformedCheckpointError('the text ends in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedCheckpointError('expected origin, size and root hash');
  if (lines.some((line) => line.length === 0)) {
    throw new MalformedCheckpointError('no line of a checkpoint is empty');
  }
  const [origin, size, hash, ...extensions] = lines as [string, string, string, ...string[]];
  // Sizes beyond 2^53 - 1 cannot be held exactly; no Marginalia log comes near.
  const treeSize = /^(0|[1-9][0-9]*)$/.test(size) ? Number(size) : Number.NaN;
  if (!Number.isSafeInteger(treeSize)) {
    throw new MalformedCheckpointError('the tree size is decimal with no leading zero');
  }
  const rootHash = decodeBase64(hash);
  if (rootHash === undefined || rootHash.length !== HASH_BYTES) {
    throw new MalformedCheckpointError(`the root hash is the base64 of ${HASH_BYTES} bytes`);
  }
  return extensions.length === 0
    ? { origin, treeSize, rootHash }
    : { origin, treeSize, rootHash, extensions };
}

/** Opens a signed checkpoint: the note must verify with a known key, then its text must parse. */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(opened.text), note: opened };
}

function hasControl(line: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f]/.test(line);
}
