import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { ReadAllOptions, StoredEvent } from '../event-store.port';
import type { ChainBreak } from '../hash-chain';
import { verifyHashChains } from '../verify-chains';
import { openSqlite } from './open-sqlite';
import { migrate } from './schema';
import { prepareLogPage, toStoredEvent, type EventRow } from './sqlite-event-rows';
import { isBusy } from './sqlite-failures';

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
    this.page = prepareLogPage(this.db);
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
    return isBusy(error) ? 'in_use' : 'unknown';
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
