import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { StoredMetadata } from '../event-store.port';
import type { JsonObject } from '../json';
import { unreadableSchema } from '../sqlite/schema';
import { leafEntry } from './log-leaf';

/** The leaves of the events whose positions lie in (after, upTo], in position order. */
export interface LeafChunk {
  positions: Float64Array;
  recordedAtMs: Float64Array;
  /** 32 bytes per leaf, in the same order. */
  hashes: Uint8Array;
}

/**
 * One row as the fast path reads it: the leaf's entry written by SQLite from the stored bytes,
 * all but the metadata's "hash" member (CAST AS BLOB: the UTF-8 bytes are never decoded into
 * JavaScript strings, which was most of the cost), and where its data and metadata lie in it.
 * No entry when a column holds what serializeEvent never writes: the row is parsed instead.
 */
type FastRow = [
  position: number,
  recordedAt: number,
  hash: string,
  entry: Buffer | null,
  dataBytes: number,
  metadataBytes: number,
];

/** What JSON.stringify gives a string needing no escape: the text between two quotes. */
const quoted = (column: string) => `json_quote(${column}) = '"' || ${column} || '"'`;
const SAFE_INTEGER = 9007199254740991;

/**
 * The entry in JCS member order (leafEntry) with an empty recordedAt, for rows whose every column
 * is of the type the store writes: text that JSON writes unescaped, integers JavaScript holds
 * exactly. The time is written here, as the store's reader writes it (strftime cost more than all
 * the rest of SQLite's work).
 */
const FAST = `SELECT position, recorded_at, hash,
    CASE WHEN typeof(data) = 'text' AND typeof(metadata) = 'text'
      AND ${quoted('stream_id')} AND ${quoted('type')} AND ${quoted('hash')}
      AND typeof(revision) = 'integer' AND revision BETWEEN 0 AND ${SAFE_INTEGER}
      AND typeof(schema_version) = 'integer' AND schema_version BETWEEN 0 AND ${SAFE_INTEGER}
      AND typeof(recorded_at) = 'integer'
    THEN CAST('{"data":' || data || ',"metadata":' || metadata || ',"recordedAt":"","revision":' ||
      revision || ',"schemaVersion":' || schema_version ||
      ',"streamId":"' || stream_id || '","type":"' || type || '"}' AS BLOB) END,
    octet_length(data), octet_length(metadata)
  FROM events WHERE position > ? AND position <= ? ORDER BY position`;

/** The row as SqliteEventStore reads it (its COLUMNS), for rows the fast path leaves. */
const PLAIN = `SELECT stream_id, revision, type, schema_version, data, metadata, recorded_at
  FROM events WHERE position = ?`;
const FIRST_AFTER = 'SELECT position FROM events WHERE position > ? ORDER BY position LIMIT 1';
const DESCRIBE = 'SELECT stream_id AS streamId, revision FROM events WHERE position = ?';

/** Reads the event log's leaves, chunk by chunk, on one read-only connection. */
export class LeafHasher {
  private readonly db: Database.Database;
  private readonly fast: Database.Statement<[number, number], FastRow>;
  private readonly plain: Database.Statement<[number], Record<string, unknown>>;
  private readonly firstAfter: Database.Statement<[number], { position: number | null }>;
  private readonly describeRow: Database.Statement<
    [number],
    { streamId: string; revision: number }
  >;
  private scratch = Buffer.alloc(1 << 16);
  /** Rows left to the parser (sqlite-leaf-reader.int.spec.ts counts them). */
  plainRows = 0;

  constructor(file: string) {
    // As SqliteEventStore opens a log read-only: the file is never written, not even migrated.
    this.db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    const unreadable = unreadableSchema(this.db);
    if (unreadable) {
      this.db.close();
      throw new Error(`Cannot read the event log at ${file}: ${unreadable}`);
    }
    this.fast = this.db.prepare<[number, number], FastRow>(FAST).raw(true);
    this.plain = this.db.prepare(PLAIN);
    this.firstAfter = this.db.prepare(FIRST_AFTER);
    this.describeRow = this.db.prepare(DESCRIBE);
  }

  /** The first stored position after `after`, if any. */
  firstPositionAfter(after: number): number | undefined {
    return this.firstAfter.get(after)?.position ?? undefined;
  }

  /** The stream and revision of the event at a position, to name it in a report. */
  describe(position: number): { streamId: string; revision: number } {
    return this.describeRow.get(position) ?? { streamId: '?', revision: Number.NaN };
  }

  chunk(after: number, upTo: number): LeafChunk {
    const rows = this.fast.all(after, upTo);
    const positions = new Float64Array(rows.length);
    const recordedAtMs = new Float64Array(rows.length);
    const hashes = new Uint8Array(rows.length * 32);
    rows.forEach((row, index) => {
      const [position, recordedAt, chainHash, entry, dataBytes, metadataBytes] = row;
      positions[index] = position;
      // The metadata starts after `{"data":` and the data and `,"metadata":`.
      const metadataAt = 20 + dataBytes;
      const at = entry ? hashAt(entry, metadataAt, metadataAt + metadataBytes) : undefined;
      if (entry && at) {
        recordedAtMs[index] = recordedAt;
        // The time goes between the quotes after `,"recordedAt":`, just after the metadata.
        const timeAt = metadataAt + metadataBytes + 15;
        hashes.set(this.leaf(entry, at, timeAt, isoTime(recordedAt), chainHash), index * 32);
      } else {
        const plain = this.plainLeaf(position, chainHash);
        recordedAtMs[index] = plain.recordedAtMs;
        hashes.set(plain.leaf, index * 32);
      }
    });
    return { positions, recordedAtMs, hashes };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * The leaf from the stored bytes: byte for byte the entry that eventLeafHash makes of the
   * event as the store reads it, because the store wrote data and metadata as canonical JSON
   * (serializeEvent) and its reader only adds the hash member to the metadata. A row whose stored
   * text is not canonical (formatting tampered with, or not UTF-8) gives another leaf here than a
   * parse and a re-serialisation would: its stored bytes changed, and the audit may report it.
   */
  private leaf(
    entry: Buffer,
    at: HashMember,
    timeAt: number,
    time: string,
    chainHash: string,
  ): Buffer {
    const member = `"hash":"${chainHash}"`;
    const text = at.last ? `,${member}` : at.alone ? member : `${member},`;
    const size = 1 + entry.length + 3 * (text.length + time.length);
    if (this.scratch.length < size) this.scratch = Buffer.alloc(size * 2);
    const out = this.scratch;
    out[0] = 0; // RFC 9162's leaf prefix
    out.set(entry.subarray(0, at.index), 1);
    let offset = 1 + at.index;
    offset += out.write(text, offset);
    out.set(entry.subarray(at.index, timeAt), offset);
    offset += timeAt - at.index;
    offset += out.write(time, offset);
    out.set(entry.subarray(timeAt), offset);
    offset += entry.length - timeAt;
    return hash('sha256', out.subarray(0, offset), 'buffer');
  }

  /** What the store's own reader makes of the row (toStoredEvent): parsed, then written canonically. */
  private plainLeaf(position: number, chainHash: string): { leaf: Buffer; recordedAtMs: number } {
    this.plainRows += 1;
    const row = this.plain.get(position)!;
    const metadata = JSON.parse(row.metadata as string) as StoredMetadata;
    metadata.hash = chainHash;
    const recordedAt = new Date(row.recorded_at as number);
    const entry = leafEntry({
      streamId: row.stream_id as string,
      revision: row.revision as number,
      type: row.type as string,
      schemaVersion: row.schema_version as number,
      data: JSON.parse(row.data as string) as JsonObject,
      metadata,
      recordedAt: recordedAt.toISOString(),
    });
    return {
      leaf: hash('sha256', `\u0000${entry}`, 'buffer'),
      recordedAtMs: recordedAt.getTime(),
    };
  }
}

/** Where the member "hash" goes in the metadata, and how it is joined to its neighbours. */
interface HashMember {
  index: number;
  last?: boolean;
  alone?: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH_KEY = [0x68, 0x61, 0x73, 0x68]; // "hash"

/**
 * Where the member "hash" goes in canonical metadata (RFC 8785 orders members by the UTF-16 code
 * units of their names): before the first top-level name that sorts after it, else last.
 * Undefined when the text is not what serializeEvent writes (not an object, a name written with
 * an escape, a "hash" already there): the caller then parses the row as the store does.
 *
 * Names are compared as UTF-8 bytes: against the ASCII "hash", byte order and UTF-16 order agree
 * (they differ only between two characters beyond ASCII).
 */
export function hashAt(json: Uint8Array, start = 0, end = json.length): HashMember | undefined {
  if (json[start] !== 0x7b || json[end - 1] !== 0x7d) return undefined;
  let index = start + 1;
  if (end - start === 2) return { index, alone: true };
  for (;;) {
    if (json[index] !== QUOTE) return undefined;
    const nameEnd = stringEnd(json, index, end);
    if (nameEnd < 0) return undefined;
    const order = compareName(json, index + 1, nameEnd);
    if (order === undefined || order === 0) return undefined;
    if (order > 0) return { index };
    if (json[nameEnd + 1] !== 0x3a) return undefined;
    const valueEnd = skipValue(json, nameEnd + 2, end);
    if (valueEnd < 0) return undefined;
    if (valueEnd === end - 1) return { index: valueEnd, last: true };
    if (json[valueEnd] !== 0x2c) return undefined;
    index = valueEnd + 1;
  }
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(json: Uint8Array, start: number, end: number): number {
  for (let index = start + 1; index < end; index += 1) {
    const byte = json[index];
    if (byte === BACKSLASH) index += 1;
    else if (byte === QUOTE) return index;
  }
  return -1;
}

/** The name's order against "hash"; undefined for a name written with an escape. */
function compareName(json: Uint8Array, start: number, end: number): number | undefined {
  for (let index = start; index < end; index += 1) {
    if (json[index] === BACKSLASH) return undefined;
  }
  const length = end - start;
  for (let offset = 0; offset < Math.min(length, 4); offset += 1) {
    const difference = json[start + offset]! - HASH_KEY[offset]!;
    if (difference !== 0) return difference;
  }
  return length - 4;
}

/** The index just after the value that starts at `start` (a comma or the closing brace), or -1. */
function skipValue(json: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let index = start; index < end; index += 1) {
    const byte = json[index];
    if (byte === QUOTE) {
      index = stringEnd(json, index, end);
      if (index < 0) return -1;
    } else if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      if (depth === 0) return index;
      depth -= 1;
    } else if (byte === 0x2c && depth === 0) return index;
  }
  return -1;
}

let lastTime = Number.NaN;
let lastIso = '';

/** Events of one commit share their recorded time: written once, as the store's reader does. */
function isoTime(milliseconds: number): string {
  if (milliseconds !== lastTime) {
    lastIso = new Date(milliseconds).toISOString();
    lastTime = milliseconds;
  }
  return lastIso;
}

export const LEAF_WORKER_ROLE = 'sqlite-leaf-hasher';

/** In a worker started by auditSqliteLog: answers each chunk asked for, with its leaves. */
function serve(): void {
  const { file } = workerData as { role: string; file: string };
  const hasher = new LeafHasher(file);
  parentPort!.on('message', ({ id, after, upTo }: { id: number; after: number; upTo: number }) => {
    try {
      const chunk = hasher.chunk(after, upTo);
      const transfer = [chunk.positions.buffer, chunk.recordedAtMs.buffer, chunk.hashes.buffer];
      parentPort!.postMessage({ id, chunk }, transfer as ArrayBuffer[]);
    } catch (error) {
      parentPort!.postMessage({ id, error: (error as Error)?.message ?? String(error) });
    }
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === LEAF_WORKER_ROLE) serve();
