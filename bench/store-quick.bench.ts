/*
 * A quick measurement of the SQLite event log: single-event durable appends (against a bare
 * better-sqlite3 insert loop with the same durability), batched appends, and reading the whole
 * log. Prints JSON. Usage: npm run bench:store [-- --runs 5]
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEventIdGenerator,
  iterateAll,
  SqliteEventStore,
  type EventToAppend,
} from '@marginalia/event-store';
import { describeMachine, median } from './machine';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const SINGLE = 2_000;
const BATCHED = 100_000;
const BATCH_SIZE = 100;
// Time-ordered ids, as the application generates them (see libs/event-store/src/event-id.ts).
const nextEventId = createEventIdGenerator();

function event(index: number): EventToAppend {
  return {
    eventId: nextEventId(),
    type: 'ClaimCaptured',
    schemaVersion: 1,
    data: {
      articleId: '6f1c2d4e-0000-4000-8000-000000000000',
      anchor: { revision: 1, start: 1774, end: 1789, exact: '去年煤炭产量达到13.78亿吨' },
      statement: '去年煤炭产量达到13.78亿吨',
      index,
    },
    metadata: {
      occurredAt: '2024-03-08T02:29:15.000Z',
      actor: { sub: 'editor-1', roles: ['editor'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

function withFile<T>(work: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-'));
  try {
    return work(join(dir, 'events.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function perSecond(count: number, started: bigint): number {
  return Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
}

async function singleAppends(file: string): Promise<number> {
  const store = new SqliteEventStore({ file });
  const events = Array.from({ length: SINGLE }, (_, i) => event(i));
  const started = process.hrtime.bigint();
  for (const [i, e] of events.entries()) {
    await store.append(`claim-${i % 50}`, [e], { expectedRevision: 'any' });
  }
  const rate = perSecond(SINGLE, started);
  await store.close();
  return rate;
}

function bareInserts(file: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, data TEXT)',
  );
  const insert = db.prepare('INSERT INTO events (stream_id, data) VALUES (?, ?)');
  const rows = Array.from({ length: SINGLE }, (_, i) => JSON.stringify(event(i)));
  const started = process.hrtime.bigint();
  rows.forEach((row, i) => insert.run(`claim-${i % 50}`, row));
  const rate = perSecond(SINGLE, started);
  db.close();
  return rate;
}

async function batchedAppendsAndReadAll(
  file: string,
): Promise<{ append: number; readAll: number }> {
  const store = new SqliteEventStore({ file });
  const batches = Array.from({ length: BATCHED / BATCH_SIZE }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_, i) => event(b * BATCH_SIZE + i)),
  );
  let started = process.hrtime.bigint();
  for (const [b, batch] of batches.entries()) {
    await store.append(`article-${b}`, batch, { expectedRevision: 'no_stream' });
  }
  const append = perSecond(BATCHED, started);
  started = process.hrtime.bigint();
  let read = 0;
  for await (const _ of iterateAll(store, { pageSize: 1000 })) read += 1;
  const readAll = perSecond(read, started);
  await store.close();
  return { append, readAll };
}

async function main(): Promise<void> {
  const single: number[] = [];
  const bare: number[] = [];
  const batched: number[] = [];
  const readAll: number[] = [];
  for (let run = 0; run < runs + 1; run += 1) {
    const s = await withFile(singleAppends);
    const b = withFile(bareInserts);
    const r = await withFile(batchedAppendsAndReadAll);
    if (run === 0) continue; // warm-up
    single.push(s);
    bare.push(b);
    batched.push(r.append);
    readAll.push(r.readAll);
  }
  const result = {
    benchmark: 'sqlite-event-store-quick',
    machine: describeMachine(),
    runs,
    eventsPerSecond: {
      singleEventDurableAppends: median(single),
      bareBetterSqlite3InsertLoop: median(bare),
      batchedAppends: median(batched),
      readAll: median(readAll),
    },
    ratioBareToStoreSingleAppends: Math.round((median(bare) / median(single)) * 100) / 100,
    sizes: { singleAppends: SINGLE, batchedEvents: BATCHED, batchSize: BATCH_SIZE },
    samples: { single, bare, batched, readAll },
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
