import Database from 'better-sqlite3';

/** How a SQLite file is opened: better-sqlite3's options, then the pragmas set, in order. */
export interface SqliteProfile {
  readonly options: Readonly<Database.Options>;
  readonly pragmas: readonly string[];
}

/** better-sqlite3's own default: how long a connection waits for another's lock. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Every way this program opens a SQLite file, named for what the file is for. Plain data, so a
 * worker thread (which cannot load this module from source) is handed its profile whole.
 */
export const SQLITE_PROFILES = {
  /** What must survive a crash once committed: the event log, the idempotency answers. */
  durable: {
    options: { timeout: BUSY_TIMEOUT_MS },
    pragmas: ['journal_mode = WAL', 'synchronous = FULL'],
  },
  /**
   * What is rebuilt from the log when in doubt: read models, process state, the tree's leaves.
   * A power cut may lose the last commits; the log brings them back.
   */
  derived: {
    options: { timeout: BUSY_TIMEOUT_MS },
    pragmas: ['journal_mode = WAL', 'synchronous = NORMAL'],
  },
  /** An existing file read and never written, not even switched to write-ahead-log mode. */
  readOnly: {
    options: { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS },
    pragmas: [],
  },
  /**
   * A file nobody reads before it is complete, fsynced once and then put in place. It keeps its
   * rollback journal: better-sqlite3's defensive mode ignores `journal_mode = OFF`.
   */
  building: {
    // Two connections share it (a bulk load's reader and its writer thread): they wait longer.
    options: { timeout: 30_000 },
    pragmas: ['synchronous = OFF'],
  },
  /**
   * A live log copied from: read-write though it only reads, so that when no server runs, its
   * close removes the `-wal` and `-shm` files a read-only connection would leave behind.
   */
  copySource: {
    options: { fileMustExist: true, timeout: BUSY_TIMEOUT_MS },
    pragmas: [],
  },
  /** Whether anyone else has the file open: an exclusive lock, taken at once or not at all. */
  lockProbe: {
    options: { fileMustExist: true, timeout: 0 },
    pragmas: ['locking_mode = EXCLUSIVE'],
  },
  /** A database in memory, for a moment's work (the schema a log should have, to compare). */
  scratch: {
    options: {},
    pragmas: [],
  },
} as const satisfies Record<string, SqliteProfile>;

export type SqliteProfileName = keyof typeof SQLITE_PROFILES;

export interface OpenSqliteOptions {
  /** Overrides the profile's wait for another connection's lock. */
  busyTimeoutMs?: number;
}

/** A profile as data, with its options adjusted: what a worker thread opens its file with. */
export function sqliteProfile(
  name: SqliteProfileName,
  options: OpenSqliteOptions = {},
): SqliteProfile {
  const profile: SqliteProfile = SQLITE_PROFILES[name];
  return {
    options:
      options.busyTimeoutMs === undefined
        ? { ...profile.options }
        : { ...profile.options, timeout: options.busyTimeoutMs },
    pragmas: [...profile.pragmas],
  };
}

/**
 * Opens a SQLite file as its profile says. `scratch` ignores `file` and opens one in memory.
 * A connection whose pragmas cannot be set is closed before the error is thrown.
 */
export function openSqlite(
  file: string,
  name: SqliteProfileName,
  options: OpenSqliteOptions = {},
): Database.Database {
  const profile = sqliteProfile(name, options);
  const db = new Database(name === 'scratch' ? ':memory:' : file, profile.options);
  try {
    for (const pragma of profile.pragmas) db.pragma(pragma);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Runs a write on a `derived` connection with synchronous=FULL, so that its commit is on disk
 * when this returns (a checkpoint kept beside the tree's leaves), then sets it back.
 */
export function commitDurably<T>(db: Database.Database, write: () => T): T {
  const before = Number(db.pragma('synchronous', { simple: true }));
  db.pragma('synchronous = FULL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}
