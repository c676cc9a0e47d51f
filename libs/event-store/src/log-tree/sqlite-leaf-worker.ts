import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { StoredMetadata } from '../event-store.port';
import type { JsonObject } from '../json';
import { openSqlite } from '../sqlite/open-sqlite';
import { unreadableSchema } from '../sqlite/schema';
import { hashAt } from './hash-member';
import { leafEntry } from './log-leaf';

/** The leaves of the events whose positions lie in (after, upTo], in position order. */
export interface LeafChunk {
  positions: Float64Array;
  recordedAtMs: Float64Array;
  /** 32 bytes per leaf, in the same order. */
  hashes: Uint8Array;
}

/** What JSON.stringify gives a string needing no escape: the text between two quotes. */
const quoted = (column: string) => `json_quote(${column}) = '"' || ${column} || '"'`;
const SAFE_INTEGER = 9007199254740991;
/** The times a JavaScript Date holds; toISOString refuses the others, as the store's reader does. */
const DATE_LIMIT = 8.64e15;

/** Rows whose every column is of the type the store writes: text that JSON writes unescaped. */
const FAST_ROW = `typeof(data) = 'text' AND typeof(metadata) = 'text'
  AND ${quoted('stream_id')} AND ${quoted('type')} AND ${quoted('hash')} AND octet_length(hash) = 64
  AND typeof(revision) = 'integer' AND revision BETWEEN 0 AND ${SAFE_INTEGER}
  AND typeof(schema_version) = 'integer' AND schema_version BETWEEN 0 AND ${SAFE_INTEGER}
  AND typeof(recorded_at) = 'integer' AND recorded_at BETWEEN -${DATE_LIMIT} AND ${DATE_LIMIT}`;

/** The entry's members after recordedAt's value, as leafEntry writes them. */
const TAIL = `'","revision":' || revision || ',"schemaVersion":' || schema_version ||
  ',"streamId":"' || stream_id || '","type":"' || type || '"}'`;

/**
 * A whole chunk in one blob, a record per row: a fixed-width header (a digit saying whether the
 * row is read from its bytes, then position, recorded time, and the byte lengths of data,
 * metadata and tail), then the chain hash, data, metadata and the entry's tail. One blob per
 * chunk, not a few values per row: handing each row's values to JavaScript cost more than all
 * of SQLite's work, and the UTF-8 bytes are never decoded into strings. The records keep the
 * subquery's order; were they ever not to, the positions read back would be out of order and
 * the audit would report it, never pass it.
 */
const FAST = `SELECT CAST(group_concat(record, '') AS BLOB) FROM (
  SELECT CASE WHEN ${FAST_ROW}
    THEN printf('1%020d%020d%010d%010d%010d', position, recorded_at, octet_length(data),
      octet_length(metadata), octet_length(${TAIL})) || hash || data || metadata || ${TAIL}
    ELSE printf('0%020d%050d', position, 0) END AS record
  FROM events WHERE position > ? AND position <= ? ORDER BY position)`;
const HEADER = 1 + 20 + 20 + 10 + 10 + 10;

/** The row as SqliteEventStore reads it (its COLUMNS), for rows the fast path leaves. */
const PLAIN = `SELECT stream_id, revision, type, schema_version, data, metadata, recorded_at, hash
  FROM events WHERE position = ?`;
const FIRST_AFTER = 'SELECT position FROM events WHERE position > ? ORDER BY position LIMIT 1';
const DESCRIBE = 'SELECT stream_id AS streamId, revision FROM events WHERE position = ?';

/** Reads the event log's leaves, chunk by chunk, on one read-only connection. */
export class LeafHasher {
  private readonly db: Database.Database;
  private readonly fast: Database.Statement<[number, number], [Buffer | null]>;
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
    this.db = openSqlite(file, 'readOnly');
    const unreadable = unreadableSchema(this.db);
    if (unreadable) {
      this.db.close();
      throw new Error(`Cannot read the event log at ${file}: ${unreadable}`);
    }
    this.fast = this.db.prepare<[number, number], [Buffer | null]>(FAST).raw(true);
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
    const bytes = this.fast.get(after, upTo)?.[0];
    const most = bytes ? upTo - after : 0;
    const positions = new Float64Array(most);
    const recordedAtMs = new Float64Array(most);
    const hashes = new Uint8Array(most * 32);
    let count = 0;
    for (let at = 0; bytes && at < bytes.length; count += 1) {
      if ((bytes[at] !== 0x30 && bytes[at] !== 0x31) || count === most) {
        throw new Error(`The log's records between positions ${after} and ${upTo} are garbled`);
      }
      const position = digits(bytes, at + 1, 20);
      const recordedAt = digits(bytes, at + 21, 20);
      positions[count] = position;
      const fast = bytes[at] === 0x31;
      const record = { hash: at + HEADER, data: 0, metadata: 0, tail: 0, end: at + HEADER };
      if (fast) {
        record.data = record.hash + 64;
        record.metadata = record.data + digits(bytes, at + 41, 10);
        record.tail = record.metadata + digits(bytes, at + 51, 10);
        record.end = record.tail + digits(bytes, at + 61, 10);
      }
      const leaf = fast ? this.leaf(bytes, record, isoTime(recordedAt)) : undefined;
      if (leaf) {
        recordedAtMs[count] = recordedAt;
        hashes.set(leaf, count * 32);
      } else {
        const plain = this.plainLeaf(position);
        recordedAtMs[count] = plain.recordedAtMs;
        hashes.set(plain.leaf, count * 32);
      }
      at = record.end;
    }
    return {
      positions: positions.slice(0, count),
      recordedAtMs: recordedAtMs.slice(0, count),
      hashes: hashes.slice(0, count * 32),
    };
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
  private leaf(bytes: Buffer, record: LeafRecord, time: string): Buffer | undefined {
    const size = 1 + ENTRY_SIZE + (record.end - record.data) + 64 + time.length * 3;
    if (this.scratch.length < size) this.scratch = Buffer.alloc(size * 2);
    const out = this.scratch;
    const member = hashAt(bytes, record.metadata, record.tail);
    if (!member) return undefined;
    let offset = put(out, 0, LEAF_START); // RFC 9162's leaf prefix, then `{"data":`
    offset = put(out, offset, bytes, record.data, record.metadata);
    offset = put(out, offset, METADATA);
    offset = put(out, offset, bytes, record.metadata, member.index);
    if (member.last) out[offset++] = 0x2c;
    offset = put(out, offset, HASH_MEMBER);
    offset = put(out, offset, bytes, record.hash, record.hash + 64);
    out[offset++] = QUOTE;
    if (!member.last && !member.alone) out[offset++] = 0x2c;
    offset = put(out, offset, bytes, member.index, record.tail);
    offset = put(out, offset, RECORDED_AT);
    offset += out.write(time, offset, 'latin1');
    offset = put(out, offset, bytes, record.tail, record.end);
    return hash('sha256', out.subarray(0, offset), 'buffer');
  }

  /** What the store's own reader makes of the row (toStoredEvent): parsed, then written canonically. */
  private plainLeaf(position: number): { leaf: Buffer; recordedAtMs: number } {
    this.plainRows += 1;
    const row = this.plain.get(position)!;
    const metadata = JSON.parse(row.metadata as string) as StoredMetadata;
    metadata.hash = row.hash as string;
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

/** Where a record's parts lie in the chunk's blob. */
interface LeafRecord {
  hash: number;
  data: number;
  metadata: number;
  tail: number;
  end: number;
}

const QUOTE = 0x22;
const LEAF_START = Buffer.from('\u0000{"data":');
const METADATA = Buffer.from(',"metadata":');
const HASH_MEMBER = Buffer.from('"hash":"');
const RECORDED_AT = Buffer.from(',"recordedAt":"');
const ENTRY_SIZE =
  LEAF_START.length + METADATA.length + HASH_MEMBER.length + RECORDED_AT.length + 3;

/** Copies bytes[from, to) (all of them by default) to out at offset; answers the offset after. */
function put(out: Buffer, offset: number, bytes: Buffer, from = 0, to = bytes.length): number {
  out.set(bytes.subarray(from, to), offset);
  return offset + to - from;
}

/** The integer written in `width` characters at `start`, zero-padded, maybe with a minus sign. */
function digits(bytes: Uint8Array, start: number, width: number): number {
  let value = 0;
  for (let index = start + (bytes[start] === 0x2d ? 1 : 0); index < start + width; index += 1) {
    value = value * 10 + bytes[index]! - 0x30;
  }
  return bytes[start] === 0x2d ? -value : value;
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
