/*
 * The store scenario's reference: the same work straight on better-sqlite3, with the store's
 * schema and durability and none of the store, and the turns both sides take.
 */
import Database from 'better-sqlite3';
import { type EventToAppend, openSqlite, SqliteEventStore } from '@marginalia/event-store';
import { perSecond, stopwatch } from '../stats';

/** A stored row as the bare loop inserts it: serialised before the clock starts. */
export type BareRow = [string, number, string, string, number, string, string, number, string];

export function bareRows(
  events: EventToAppend[],
  streamOf: (index: number) => [string, number],
): BareRow[] {
  const hash = 'f'.repeat(64);
  return events.map((event, index) => {
    const [stream, revision] = streamOf(index);
    return [
      stream,
      revision,
      event.eventId,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify({ ...event.metadata, eventId: event.eventId, schemaVersion: 1 }),
      Date.now(),
      hash,
    ];
  });
}

/**
 * The store's own schema (the store creates it, then closes) and the log's profile, WAL and
 * synchronous=FULL: the same durability, none of the store.
 */
export async function openBare(
  file: string,
): Promise<{ db: Database.Database; insert: Database.Statement<BareRow> }> {
  await new SqliteEventStore({ file }).close();
  const db = openSqlite(file, 'durable');
  const insert = db.prepare<BareRow>(
    `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return { db, insert };
}

/**
 * The store and the bare loop, each on its own file, taking turns: `chunk` operations of one,
 * then of the other, so that a disk slowed by something else slows both alike. Each side's
 * rate is its operations over the time spent in them.
 */
export async function inTurns(
  operations: number,
  chunk: number,
  store: (index: number) => Promise<void>,
  bare: (index: number) => void,
) {
  const storeMs: number[] = [];
  const bareMs: number[] = [];
  for (let from = 0; from < operations; from += chunk) {
    for (let index = from; index < Math.min(operations, from + chunk); index += 1) {
      const one = stopwatch();
      await store(index);
      storeMs.push(one());
    }
    for (let index = from; index < Math.min(operations, from + chunk); index += 1) {
      const one = stopwatch();
      bare(index);
      bareMs.push(one());
    }
  }
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  return { storeMs, bareMs, storeTotalMs: total(storeMs), bareTotalMs: total(bareMs) };
}

/**
 * The same pages straight from better-sqlite3 on a connection of its own, for reference: the
 * rows as arrays and nothing else, or with their data and metadata parsed. What any reader of
 * this file pays before the store does anything.
 */
export function bareReadAll(file: string, parse: boolean): number {
  const db = new Database(file, { readonly: true });
  try {
    const page = db
      .prepare<[number], unknown[]>(
        'SELECT position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash FROM events WHERE position > ? ORDER BY position LIMIT 1000',
      )
      .raw(true);
    const elapsed = stopwatch();
    let after = 0;
    let events = 0;
    for (;;) {
      const rows = page.all(after);
      if (parse) {
        for (const row of rows) {
          JSON.parse(row[6] as string);
          JSON.parse(row[7] as string);
        }
      }
      events += rows.length;
      if (rows.length < 1000) break;
      after = rows[rows.length - 1]![0] as number;
    }
    return perSecond(events, elapsed());
  } finally {
    db.close();
  }
}
