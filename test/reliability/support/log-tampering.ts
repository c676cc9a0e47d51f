import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@marginalia/config';
import {
  chainHash,
  Checkpointer,
  GENESIS_HASH,
  type JsonObject,
  LogTree,
  SqliteEventStore,
  type StoredEvent,
  TreeFile,
} from '@marginalia/event-store';
import { loadLogSigningKey } from '@marginalia/platform';
import { ReadModelDatabase, rebuildInPlace } from '@marginalia/read-models';
import request from 'supertest';
import { importArticle, reimportOf000 } from '../../admin-api/support/article-requests';
import { Newsroom } from '../../admin-api/support/claim-requests';
import { import002, NON_COAL_GROWTH } from '../../admin-api/support/desk';
import { startAdminApi } from '../../support/admin-api';
import { waitUntilCaughtUp } from './data-folder';

/**
 * A real server's log to tamper with, in `dataDir`: two articles, one re-imported, a claim on
 * each, one with a published verdict, interleaved. An admin issues a checkpoint of it, which
 * the auditor keeps in `keptFile` with the key from GET /v1/log/key; then the server stops.
 */
export async function buildBaseLog(
  dataDir: string,
  keptFile: string,
  env: Record<string, string>,
): Promise<{ treeSize: number; key: string }> {
  const api = await startAdminApi({ DATA_DIR: dataDir, ...env });
  try {
    const desk = await Newsroom.of(api);
    const coal = (await importArticle(api, 'tamper-000')).id;
    const pinyin = await import002(api, 'tamper-002');
    const x = await desk.claimInReview(coal);
    const y = await desk.capture(pinyin, {
      selector: { exact: NON_COAL_GROWTH },
      claimant: '劉文華',
      topics: [],
    });
    await desk.step('standards_editor', `/v1/claims/${x}/verdict/approve`);
    await desk.step('editor', `/v1/claims/${y.id}/assignment`, { assignee: 'checker-wang' });
    await desk.post('editor', `/v1/articles/${coal}/revisions`, reimportOf000).expect(201);
    await waitUntilCaughtUp(api.url);
    const issued = await desk.post('admin', '/v1/admin/log/checkpoints').expect(201);
    const { treeSize, note } = issued.body as { treeSize: number; note: string };
    writeFileSync(keptFile, note);
    const key = (await request(api.url).get('/v1/log/key').expect(200)).text;
    return { treeSize, key };
  } finally {
    await api.stop();
  }
}

/*
 * What an insider with the data folder's SQLite files can do to the log, done as they would:
 * better-sqlite3 straight on a copy of the folder, bypassing the store. Each edit is one call.
 */

/** A stored event as the insider reads the events table. */
export interface LogRow {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: number;
}

/** Copies a stopped server's data folder, every file of it (the logs, keys and secrets). */
export function copyDataFolder(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** Runs `edit` on the folder's events.db, closed afterwards so its WAL is folded back. */
function onLog<T>(dataDir: string, edit: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'events.db'));
  try {
    return db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

export function readRows(dataDir: string): LogRow[] {
  return onLog(dataDir, (db) =>
    db
      .prepare<[], LogRow>(
        `SELECT position, stream_id AS streamId, revision, type, recorded_at AS recordedAt
         FROM events ORDER BY position`,
      )
      .all(),
  );
}

/** The events as the store reads them, after a position. */
export async function storedEvents(dataDir: string, { after = 0 } = {}): Promise<StoredEvent[]> {
  const store = openStore(dataDir);
  try {
    return await store.readAll({ after, maxCount: 1_000_000 });
  } finally {
    await store.close();
  }
}

function openStore(dataDir: string): SqliteEventStore {
  return new SqliteEventStore({ file: join(dataDir, 'events.db'), crossProcessWakeups: false });
}

/** Rewrites one event's data in place; its stored hash is left as it was. */
export function editData(
  dataDir: string,
  position: number,
  change: (data: JsonObject) => JsonObject,
): void {
  onLog(dataDir, (db) => {
    const { data } = db
      .prepare<[number], { data: string }>('SELECT data FROM events WHERE position = ?')
      .get(position)!;
    const changed = change(JSON.parse(data) as JsonObject);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      JSON.stringify(changed),
      position,
    );
  });
}

/** Recomputes the hash of every event of the streams (all when none named), as the store would. */
export function rechain(dataDir: string, streamIds?: readonly string[]): void {
  onLog(dataDir, (db) => {
    const rows = db
      .prepare<
        [],
        { position: number; stream_id: string; type: string; data: string; metadata: string }
      >('SELECT position, stream_id, type, data, metadata FROM events ORDER BY stream_id, revision')
      .all();
    const update = db.prepare('UPDATE events SET hash = ? WHERE position = ?');
    const heads = new Map<string, string>();
    for (const row of rows) {
      if (streamIds && !streamIds.includes(row.stream_id)) continue;
      // The metadata column holds the hashed metadata: everything but the hash itself.
      const hash = chainHash(heads.get(row.stream_id) ?? GENESIS_HASH, {
        type: row.type,
        data: JSON.parse(row.data) as JsonObject,
        metadata: JSON.parse(row.metadata) as JsonObject,
      });
      heads.set(row.stream_id, hash);
      update.run(hash, row.position);
    }
  });
}

export function deletePositions(dataDir: string, positions: readonly number[]): void {
  onLog(dataDir, (db) => {
    const remove = db.prepare('DELETE FROM events WHERE position = ?');
    positions.forEach((position) => remove.run(position));
  });
}

export function deleteStream(dataDir: string, streamId: string): void {
  onLog(dataDir, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(streamId));
}

/**
 * Cuts the last `count` events and sets the AUTOINCREMENT counter back, so that the next
 * appends take the cut positions again and the log looks dense.
 */
export function truncateTail(dataDir: string, count: number): void {
  onLog(dataDir, (db) => {
    const { head } = db
      .prepare<[], { head: number }>('SELECT max(position) AS head FROM events')
      .get()!;
    db.prepare('DELETE FROM events WHERE position > ?').run(head - count);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(head - count);
  });
}

/** Appends events through the real store, as new ones (fresh ids, the store's hashes and times). */
export async function appendThroughStore(
  dataDir: string,
  events: ReadonlyArray<
    Pick<StoredEvent, 'streamId' | 'type' | 'schemaVersion' | 'data' | 'metadata'>
  >,
): Promise<void> {
  const store = openStore(dataDir);
  try {
    for (const event of events) {
      const { eventId: _id, schemaVersion: _version, hash: _hash, ...metadata } = event.metadata;
      await store.append(
        event.streamId,
        [
          {
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
            metadata,
          },
        ],
        { expectedRevision: 'any' },
      );
    }
  } finally {
    await store.close();
  }
}

/** Gives two events each other's position (a temporary one between, as positions are unique). */
export function swapPositions(dataDir: string, first: number, second: number): void {
  onLog(dataDir, (db) => {
    const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
    move.run(-1, first);
    move.run(first, second);
    move.run(second, -1);
  });
}

export function renameStream(dataDir: string, from: string, to: string): void {
  onLog(dataDir, (db) =>
    db.prepare('UPDATE events SET stream_id = ? WHERE stream_id = ?').run(to, from),
  );
}

export function backdate(dataDir: string, position: number, byMs: number): void {
  onLog(dataDir, (db) =>
    db
      .prepare('UPDATE events SET recorded_at = recorded_at - ? WHERE position = ?')
      .run(byMs, position),
  );
}

/**
 * What an insider holding the signing key does after rewriting the log: throws the tree file
 * away (its leaves and the checkpoints issued so far), builds a new one from the rewritten log,
 * signs fresh checkpoints at `sizes` with the folder's own key and the log's origin, and rebuilds the read models so
 * that nothing derived disagrees with the new log.
 */
export async function reissueWithStolenKey(
  dataDir: string,
  sizes: readonly number[],
  origin: string,
): Promise<void> {
  rmSync(join(dataDir, 'log-tree.db'), { force: true });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_ORIGIN: origin });
  const store = openStore(dataDir);
  const tree = new LogTree(store, new TreeFile(join(dataDir, 'log-tree.db')));
  const readModels = new ReadModelDatabase(join(dataDir, 'read-models.db'));
  try {
    const events = await store.readAll({ after: 0, maxCount: 1_000_000 });
    const checkpointer = new Checkpointer(
      tree,
      loadLogSigningKey(config).signer,
      origin,
      () => new Date(),
    );
    let added = 0;
    for (const size of sizes) {
      tree.add(events.slice(added, size));
      added = size;
      checkpointer.issue();
    }
    await tree.catchUp();
    await rebuildInPlace(store, readModels);
  } finally {
    readModels.close();
    tree.file.close();
    await store.close();
  }
}
