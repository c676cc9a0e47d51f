import type Database from 'better-sqlite3';
import type { StoredEvent, StoredMetadata } from '../event-store.port';
import type { JsonObject } from '../json';

/**
 * A stored row as better-sqlite3's raw mode returns it, in the order of COLUMNS: an array per
 * row instead of an object with ten named properties, which made reading a log of small events
 * 15 to 35 % slower (docs/benchmarks.md).
 */
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: number,
  hash: string,
];

const COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash';

/** Every statement the event log runs, prepared once per connection. */
export interface EventStatements {
  streamHead: Database.Statement<[string], { revision: number; hash: string }>;
  byEventId: Database.Statement<[string], { stream_id: string; revision: number }>;
  lastRecordedAt: Database.Statement<[], { recorded_at: number }>;
  insert: Database.Statement<
    [string, number, string, string, number, string, string, number, string]
  >;
  streamForwards: Database.Statement<[string, number, number], EventRow>;
  streamBackwards: Database.Statement<[string, number, number], EventRow>;
  all: Database.Statement<[number, number], EventRow>;
  head: Database.Statement<[], { position: number | null }>;
}

export function prepareEventStatements(db: Database.Database): EventStatements {
  return {
    streamHead: db.prepare(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    byEventId: db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
    insert: db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    streamForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      )
      .raw(true),
    streamBackwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(true),
    all: prepareLogPage(db),
    head: db.prepare('SELECT MAX(position) AS position FROM events'),
  };
}

/** A page of the whole log in position order: the events after a position, at most a count. */
export function prepareLogPage(
  db: Database.Database,
): Database.Statement<[number, number], EventRow> {
  return db
    .prepare<[number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    )
    .raw(true);
}

export function toStoredEvent(row: EventRow): StoredEvent {
  const [position, streamId, revision, eventId, type, schemaVersion, data, metadataJson] = row;
  const hash = row[9];
  const metadata = JSON.parse(metadataJson) as StoredMetadata;
  metadata.hash = hash;
  return {
    eventId,
    streamId,
    revision,
    position,
    type,
    schemaVersion,
    data: JSON.parse(data) as JsonObject,
    metadata,
    recordedAt: isoTime(row[8]),
    hash,
  };
}

let lastTime = Number.NaN;
let lastIso = '';

/** Events of one commit share their recorded time; converting it once per commit is enough. */
export function isoTime(milliseconds: number): string {
  if (milliseconds !== lastTime) {
    lastTime = milliseconds;
    lastIso = new Date(milliseconds).toISOString();
  }
  return lastIso;
}
