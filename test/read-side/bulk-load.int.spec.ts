import type Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@marginalia/event-store';
import {
  applyBatch,
  BulkLoad,
  catchUp,
  compareReadModels,
  ReadModelDatabase,
} from '@marginalia/read-models';
import { makeTempDir } from '../support/temp-dir';
import { withdrawClaims, writeNewsroomLog } from './fixtures/newsroom-log';

/** Tables and indexes as SQLite keeps them, and the version the file is marked with. */
function schemaOf(db: Database.Database) {
  return {
    objects: db
      .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
      .all(),
    version: db.pragma('user_version', { simple: true }),
    journal: db.pragma('journal_mode', { simple: true }),
  };
}

function rowCount(db: Database.Database): number {
  const tables = ['articles', 'article_revisions', 'claims', 'corrections', 'history'];
  return tables.reduce(
    (sum, table) => sum + (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number),
    0,
  );
}

describe('projecting the log into read models that hold nothing yet (a bulk load)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: SqliteEventStore;
  let head: number;
  /** The read models as the live projector writes them, a few events per batch. */
  let live: ReadModelDatabase;

  beforeAll(async () => {
    dir = makeTempDir();
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const claims = await writeNewsroomLog(store, 12, 40);
    // Changes to claims captured long before, found by the fold in the file it is filling.
    await withdrawClaims(store, claims, 7);
    head = await store.headPosition();
    live = new ReadModelDatabase(join(dir.path, 'live.db'));
    for (let after = 0; after < head; after = live.checkpoint()) {
      applyBatch(live, await store.readAll({ after, maxCount: 7 }));
    }
  });

  afterAll(async () => {
    live.close();
    await store.close();
    dir.remove();
  });

  // One batch is written in the loading thread; more go to a writer thread.
  it.each([
    ['in one batch', 5000],
    ['in batches of 50', 50],
  ])(
    'writes the rows, the checkpoint, the tables and the indexes the live projector writes, %s',
    async (_, batchSize) => {
      const bulk = new ReadModelDatabase(join(dir.path, `bulk-${batchSize}.db`));
      try {
        await catchUp(store, bulk, { batchSize });
        expect(bulk.checkpoint()).toBe(head);
        expect(rowCount(bulk.db)).toBeGreaterThan(head);
        expect(compareReadModels(live.db, bulk.db)).toEqual([]);
        expect(schemaOf(bulk.db)).toEqual(schemaOf(live.db));
        expect(existsSync(`${bulk.file}.building`)).toBe(false);
      } finally {
        bulk.close();
      }
    },
  );

  it('is the way only into read models at checkpoint 0 not emptied for a rebuild in place', async () => {
    const empty = new ReadModelDatabase(join(dir.path, 'conditions.db'));
    try {
      const load = empty.startBulkLoad();
      expect(load).toBeInstanceOf(BulkLoad);
      await load!.abandon();
      expect(existsSync(`${empty.file}.building`)).toBe(false);

      applyBatch(empty, await store.readAll({ maxCount: 10 }));
      expect(empty.startBulkLoad()).toBeUndefined();

      empty.reset();
      expect(empty.checkpoint()).toBe(0);
      expect(empty.startBulkLoad()).toBeUndefined();
      await catchUp(store, empty);
      expect(compareReadModels(live.db, empty.db)).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it('leaves the file in place when another connection has it open, and projects into it there', async () => {
    const file = join(dir.path, 'shared.db');
    const first = new ReadModelDatabase(file);
    let second: ReadModelDatabase | undefined;
    let pages = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const paused = {
      readAll: async (options: Parameters<SqliteEventStore['readAll']>[0]) => {
        pages += 1;
        if (pages === 3) await gate;
        return store.readAll(options);
      },
    };
    try {
      const loading = catchUp(paused, first, { batchSize: 100 });
      while (pages < 3) await new Promise((resolve) => setImmediate(resolve));
      // A second projector opens the same file and applies a batch while the load runs.
      second = new ReadModelDatabase(file);
      applyBatch(second, await store.readAll({ maxCount: 10 }), 0);
      release();
      await loading;
      expect(first.checkpoint()).toBe(head);
      // Both read the same file: the load did not put another one in its place.
      expect(second.checkpoint()).toBe(head);
      expect(compareReadModels(live.db, second.db)).toEqual([]);
      expect(existsSync(`${file}.building`)).toBe(false);
    } finally {
      release();
      second?.close();
      first.close();
    }
  });

  it('leaves the file it fills empty when killed, and the next projection starts over', async () => {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'fixtures', 'bulk-load-in-child.js'), dir.path],
      { cwd: join(__dirname, '..', '..') },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    while (!/page 5\b/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`The child did not get to its fifth page:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited;
    expect(output).not.toMatch(/loaded/);

    const file = join(dir.path, 'read-models.db');
    const database = new ReadModelDatabase(file);
    try {
      // The load wrote only its own file, which the crash left behind.
      expect(database.checkpoint()).toBe(0);
      expect(rowCount(database.db)).toBe(0);
      expect(existsSync(`${file}.building`)).toBe(true);
      await catchUp(store, database, { batchSize: 100 });
      expect(existsSync(`${file}.building`)).toBe(false);
      expect(database.checkpoint()).toBe(head);
      expect(compareReadModels(live.db, database.db)).toEqual([]);
    } finally {
      database.close();
    }
  }, 30_000);
});
