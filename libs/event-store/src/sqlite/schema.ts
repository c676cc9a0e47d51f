import type Database from 'better-sqlite3';

/**
 * Schema versions of the event log file, applied in order and recorded in `user_version`.
 * A version is never edited once released; a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id TEXT NOT NULL,
     revision INTEGER NOT NULL,
     event_id TEXT NOT NULL UNIQUE,
     type TEXT NOT NULL,
     schema_version INTEGER NOT NULL,
     data TEXT NOT NULL,
     metadata TEXT NOT NULL,
     recorded_at INTEGER NOT NULL,
     hash TEXT NOT NULL,
     UNIQUE (stream_id, revision)
   );`,
];

export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The event log has schema version ${current}, newer than this program knows (${MIGRATIONS.length})`,
      );
    }
    MIGRATIONS.slice(current).forEach((sql) => db.exec(sql));
    if (current !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/**
 * Why a log opened read-only cannot be read, if it cannot: its schema is not this program's
 * current one. Read-only, it cannot be migrated here, and it must not be (it may be a backup).
 */
export function unreadableSchema(db: Database.Database): string | undefined {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === MIGRATIONS.length) return undefined;
  return version === 0
    ? 'it is not an event log (no schema version)'
    : `it has schema version ${version}, where this program reads ${MIGRATIONS.length}; ` +
        'open it once with a program of its version or later to migrate it';
}
