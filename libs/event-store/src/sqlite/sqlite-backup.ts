import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadAllOptions, StoredEvent, StoredMetadata } from '../event-store.port';
import type { ChainBreak } from '../hash-chain';
import type { JsonObject } from '../json';
import { verifyHashChains } from '../verify-chains';
import { openSqlite, sqliteProfile } from './open-sqlite';
import { migrate } from './schema';

/** What a check of an event log file found. `ok` only when every part of it is sound. */
export interface LogFileCheck {
  file: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes, read before and after the check. */
  sha256: string;
  events: number;
  streams: number;
  headPosition: number;
  /** Every problem found, in words; empty when `ok`. */
  problems: string[];
  /** The events whose hash chain is broken, by stream and revision. */
  broken: ChainBreak[];
  ok: boolean;
}

export class LogFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogFileError';
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads an event log file without writing to it or beside it: for backups, which are single
 * files in rollback-journal mode (a file in write-ahead-log mode would get `-wal` and `-shm`
 * files beside it even when opened read-only, so it is refused by `checkSqliteLogFile`).
 */
export class SqliteLogFile {
  private readonly db: Database.Database;
  private readonly page: Database.Statement<[number, number], EventRow>;

  constructor(readonly file: string) {
    this.db = openSqlite(file, 'readOnly');
    this.page = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    );
  }

  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    return Promise.resolve(this.page.all(options.after ?? 0, options.maxCount).map(toStoredEvent));
  }

  headPosition(): number {
    const row = this.db.prepare('SELECT MAX(position) AS head FROM events').get() as {
      head: number | null;
    };
    return row.head ?? 0;
  }

  close(): void {
    this.db.close();
  }

  /** SQLite's own check of every page and index: `['ok']` when sound. */
  integrity(): string[] {
    return (this.db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
  }

  /** Problems with the file's schema, against the schema this program writes. */
  schemaProblems(): string[] {
    const expected = openSqlite(':memory:', 'scratch');
    try {
      migrate(expected);
      const problems: string[] = [];
      const version = (db: Database.Database) =>
        Number(db.pragma('user_version', { simple: true }));
      if (version(this.db) !== version(expected)) {
        problems.push(
          `schema version ${version(this.db)}, where this program writes ${version(expected)}`,
        );
      }
      const columns = (db: Database.Database) =>
        JSON.stringify(db.prepare('PRAGMA table_info(events)').all());
      if (columns(this.db) !== columns(expected)) {
        problems.push('the events table does not have the columns of an event log');
      }
      return problems;
    } finally {
      expected.close();
    }
  }

  /**
   * Positions are dense from 1 and never handed out twice (docs/event-store.md): a count
   * below the head means events were removed inside the log; a sequence above the head means
   * the last events of the log were removed. Neither breaks a stream's hash chain on its own.
   */
  positionProblems(): string[] {
    const { count, head } = this.db
      .prepare('SELECT COUNT(*) AS count, COALESCE(MAX(position), 0) AS head FROM events')
      .get() as { count: number; head: number };
    const sequence =
      (
        this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as
          { seq: number } | undefined
      )?.seq ?? 0;
    const problems: string[] = [];
    if (count !== head) {
      problems.push(`${count} events up to position ${head}: events were removed from the log`);
    }
    if (sequence > head) {
      problems.push(
        `positions up to ${sequence} were handed out, but the log ends at ${head}: its last events were removed`,
      );
    }
    return problems;
  }
}

/**
 * Checks an event log file before anyone relies on it: that it is a single SQLite file (not in
 * write-ahead-log mode), SQLite's integrity check, the schema, dense positions, and every
 * stream's hash chain; the file's SHA-256 is read before and after, so a file that changed
 * meanwhile is not called sound. Nothing is written, to the file or beside it.
 */
export async function checkSqliteLogFile(file: string): Promise<LogFileCheck> {
  const bytes = statSync(file).size;
  const sha256 = await sha256Of(file);
  const result: LogFileCheck = {
    file,
    bytes,
    sha256,
    events: 0,
    streams: 0,
    headPosition: 0,
    problems: [],
    broken: [],
    ok: false,
  };
  const header = readHeader(file);
  if (header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    result.problems.push('not an SQLite database');
    return result;
  }
  if (header[18] === 2 || header[19] === 2) {
    result.problems.push(
      'the file is in write-ahead-log mode, as a live events.db is: copy a log with the backup command, not by hand',
    );
    return result;
  }
  let log: SqliteLogFile | undefined;
  try {
    log = new SqliteLogFile(file);
    const integrity = log.integrity();
    if (integrity.join() !== 'ok') {
      result.problems.push(`SQLite integrity check: ${integrity.slice(0, 10).join('; ')}`);
      return result;
    }
    const schema = log.schemaProblems();
    if (schema.length > 0) {
      result.problems.push(...schema);
      return result;
    }
    result.problems.push(...log.positionProblems());
    result.headPosition = log.headPosition();
    const chains = await verifyHashChains(log);
    result.events = chains.events;
    result.streams = chains.streams;
    result.broken = chains.broken;
    for (const broken of chains.broken) {
      result.problems.push(
        `stream ${broken.streamId} revision ${broken.revision} (position ${broken.position}): ${broken.reason}, ${broken.detail}`,
      );
    }
  } catch (error) {
    result.problems.push(`cannot be read as an event log: ${(error as Error).message}`);
    return result;
  } finally {
    log?.close();
  }
  if ((await sha256Of(file)) !== sha256) {
    result.problems.push('the file changed while it was checked');
  }
  result.ok = result.problems.length === 0;
  return result;
}

/**
 * Copies the live event log `source` into `destination` while a server may be writing to it,
 * then checks the copy (`checkSqliteLogFile`). The copy is made by `VACUUM INTO`, not by
 * better-sqlite3's `db.backup()`:
 *
 * - it is one statement in one read transaction, so the copy is the log exactly as of one
 *   commit (a prefix of the log, no batch cut in two). In write-ahead-log mode a reader does
 *   not block the writer, so the server keeps appending meanwhile;
 * - the backup API copies pages in steps and starts over whenever another connection (the
 *   server) commits between two steps; on a log that is written all the time it may never end.
 *   Copying everything in one step would avoid that, but then it is no better than VACUUM INTO;
 * - the copy is a single compact file in rollback-journal mode, which can be checked and
 *   restored read-only without `-wal` or `-shm` files. Row ids, hence positions, are kept, and
 *   so is the AUTOINCREMENT sequence.
 *
 * SQLite does not fsync a VACUUM INTO file, so this does, before the check. The statement runs
 * in a worker thread, so a server that calls this keeps answering. The copy is written under a
 * temporary name and linked to `destination` only once complete: an existing file is never
 * overwritten, and an interrupted backup leaves no file that looks whole. A copy that fails its
 * check is kept at `destination` (it may be the only copy there is); `ok` is false and the
 * restore command refuses it.
 */
export async function backupSqliteLog(
  source: string,
  destination: string,
  options: { busyTimeoutMs?: number } = {},
): Promise<LogFileCheck> {
  if (!existsSync(source)) throw new LogFileError(`There is no event log at ${source}`);
  if (existsSync(destination)) {
    throw new LogFileError(`${destination} exists already; a backup never overwrites a file`);
  }
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.partial-${process.pid}-${Date.now()}`,
  );
  try {
    await vacuumInto(source, temporary, options.busyTimeoutMs ?? 5000);
    fsyncFile(temporary);
    const check = await checkSqliteLogFile(temporary);
    try {
      linkSync(temporary, destination);
    } catch (error) {
      throw new LogFileError(`Cannot write ${destination}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    fsyncFile(dirname(destination));
    return { ...check, file: destination };
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Whether a process holds the event log file open (a server, a CLI command): SQLite's
 * exclusive lock cannot be taken while any other connection, in this process or another, has
 * it open in write-ahead-log mode. Relies on the file system's locks, as SQLite does: reliable
 * on local file systems, not on network ones. `unknown` when the file cannot be opened at all
 * (a damaged file, which no server can be using either).
 *
 * Taking the lock is an ordinary open: a write-ahead log left by a crash is checkpointed into
 * the file on close, as the server's next start would do; nothing is lost.
 */
export function sqliteLogInUse(file: string): 'in_use' | 'free' | 'unknown' {
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, 'lockProbe');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return 'free';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? 'in_use' : 'unknown';
  } finally {
    db?.close();
  }
}

/** The SHA-256 of a file, read as a stream. */
export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Runs `VACUUM INTO` in a worker thread with its own connection to the log. */
function vacuumInto(source: string, target: string, busyTimeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(VACUUM_WORKER, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        profile: sqliteProfile('copySource', { busyTimeoutMs }),
        source,
        target,
      },
    });
    worker.once('message', (message: { ok: boolean; error?: string }) => {
      if (message.ok) resolve();
      else reject(new LogFileError(`Cannot copy the event log: ${message.error ?? 'unknown'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new LogFileError(`The copy stopped with exit code ${code}`));
    });
  });
}

/* Opened as the `copySource` profile says (open-sqlite.ts): the worker cannot load that module. */
const VACUUM_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.source, workerData.profile.options);
  for (const pragma of workerData.profile.pragmas) db.pragma(pragma);
  try {
    db.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    db.close();
  }
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
}
`;

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: number;
  hash: string;
}

const COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash';

/** As the adapter maps a row (sqlite-event-store.ts), so the chain is checked on equal terms. */
function toStoredEvent(row: EventRow): StoredEvent {
  const metadata = JSON.parse(row.metadata) as StoredMetadata;
  metadata.hash = row.hash;
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as JsonObject,
    metadata,
    recordedAt: new Date(row.recorded_at).toISOString(),
    hash: row.hash,
  };
}
