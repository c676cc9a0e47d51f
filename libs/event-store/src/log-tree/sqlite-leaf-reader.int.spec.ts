import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigner, parseVerifierKey } from '@marginalia/verifiable-log';
import { makeTempDir } from '../../../../test/support/temp-dir';
import type { EventToAppend } from '../event-store.port';
import type { JsonObject } from '../json';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { newEvent } from '../testing';
import { auditStoredLog } from './audit-stored-log';
import { Checkpointer } from './checkpointer';
import { eventLeafHash } from './log-leaf';
import { LogTree } from './log-tree';
import { auditSqliteLog } from './sqlite-leaf-reader';
import { hashAt } from './hash-member';
import { LeafHasher } from './sqlite-leaf-worker';
import { TreeFile } from './tree-file';

const ORIGIN = 'news.example/marginalia';
const { signer, verifierKey } = generateSigner(ORIGIN, Buffer.alloc(32, 7));
const verifiers = [parseVerifierKey(verifierKey)];

/** Data and metadata of every shape canonical JSON has to get right. */
const AWKWARD: Array<{ data: JsonObject; metadata: JsonObject }> = [
  { data: { text: 'Ünïcödé, 中文, emoji 🗞️👩🏽‍💻, RTL עברית' }, metadata: {} },
  {
    data: { escapes: 'quote " backslash \\ slash / \n\t\r\b\f \u0000 \u001f \u007f \u2028' },
    metadata: { zzz: 1 },
  },
  {
    data: { lone: '\udc00 and \ud83d alone, \ud83d\ude00 paired' },
    metadata: { '\ud800': 'lone' },
  },
  {
    data: {
      n: [0, -0, 1e21, 1e-7, -123.456, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 0.1 + 0.2],
    },
    metadata: { aaa: [1, { b: 2 }] },
  },
  {
    data: { nested: { b: [1, [2, [3, {}]], { c: null, a: true }], a: { '': false } } },
    metadata: { hash_: 'x', has: 'y' },
  },
  // Parsed, as a request body is: a literal's __proto__ would set the prototype, not a member.
  {
    data: JSON.parse(
      '{"__proto__":{"polluted":true},"10":"ten","2":"two","é":"accent","e":"plain"}',
    ),
    metadata: JSON.parse('{"__proto__":1,"10":2,"é":3}'),
  },
  {
    data: {},
    metadata: { 'ha"sh': 'quoted', 'h\\': 'escaped name', hasi: '{"not":"a key"}', hasg: '}' },
  },
  {
    data: { deep: [[[[[[['down']]]]]]] },
    metadata: { actor: { sub: 'e-1', roles: ['editor'] }, requestId: 'r', '\u{1f5de}': 'after' },
  },
];

/** A real log of those events, and ordinary ones, in several streams and commits. */
async function awkwardLog(file: string): Promise<SqliteEventStore> {
  const time: { at?: Date } = {};
  const store = new SqliteEventStore({
    file,
    crossProcessWakeups: false,
    clock: () => time.at ?? new Date(),
  });
  let stream = 0;
  const append = (events: EventToAppend[]) =>
    store.append(`claim-${++stream}`, events, { expectedRevision: 'no_stream' });
  for (const shape of AWKWARD) {
    await append([newEvent({ ...shape, metadata: shape.metadata }), newEvent()]);
  }
  for (let index = 0; index < 30; index += 1) {
    await append(Array.from({ length: 100 }, (_, offset) => newEvent({ data: { index, offset } })));
  }
  // Last, a commit in the year 10000, which toISOString writes with six digits and a sign.
  time.at = new Date('+010000-01-01T00:00:00.000Z');
  await append([newEvent()]);
  return store;
}

describe('auditing a SQLite log from its stored bytes', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const opened: Array<{ close(): unknown }> = [];
  beforeEach(() => (dir = makeTempDir('marginalia-leaf-reader-')));
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close();
    dir.remove();
  });

  it('makes every leaf byte for byte as eventLeafHash makes it of the event the store reads', async () => {
    const file = join(dir.path, 'events.db');
    const store = await awkwardLog(file);
    opened.push(store);
    // Values the store never writes, which its reader reads all the same: a text schema version,
    // a time before 1970.
    const db = new Database(file);
    db.prepare(`UPDATE events SET schema_version = 'v1' WHERE position = 100`).run();
    db.prepare('UPDATE events SET recorded_at = -86400001 WHERE position = 1').run();
    db.close();
    const events = await store.readAll({ maxCount: 10_000 });
    expect(events[99]!.schemaVersion).toBe('v1');
    const hasher = new LeafHasher(file);
    opened.push(hasher);
    const chunk = hasher.chunk(0, events.length);
    expect([...chunk.positions]).toEqual(events.map((event) => event.position));
    expect([...chunk.recordedAtMs]).toEqual(events.map((event) => Date.parse(event.recordedAt)));
    const leaves = events.map((_, index) =>
      Buffer.from(chunk.hashes.slice(index * 32, index * 32 + 32)).toString('hex'),
    );
    expect(leaves).toEqual(events.map((event) => eventLeafHash(event).toString('hex')));
    // Two rows were parsed: that one, and the one whose metadata has a name written with an
    // escape ("h\\") before where "hash" goes ("\ud800" sorts after it and is never looked at).
    expect(hasher.plainRows).toBe(2);
  });

  it('reads the rows after one whose text holds a raw NUL as they are', async () => {
    const file = join(dir.path, 'events.db');
    const store = await awkwardLog(file);
    opened.push(store);
    const events = await store.readAll({ maxCount: 10_000 });
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"nul":"' || char(0) || '"}' WHERE position = 50`).run();
    db.close();
    const hasher = new LeafHasher(file);
    opened.push(hasher);
    const { positions, hashes } = hasher.chunk(0, events.length);
    expect([...positions]).toEqual(events.map((event) => event.position));
    const changed = events.flatMap((event, index) =>
      eventLeafHash(event).equals(hashes.subarray(index * 32, index * 32 + 32)) ? [] : [index],
    );
    expect(changed).toEqual([49]);
  });

  it('gives auditStoredLog’s report, checkpoints and all, on any number of threads', async () => {
    const file = join(dir.path, 'events.db');
    const store = await awkwardLog(file);
    const treeFile = new TreeFile(join(dir.path, 'log-tree.db'));
    opened.push(store, treeFile);
    const tree = new LogTree(store, treeFile);
    await tree.catchUp();
    const checkpointer = new Checkpointer(
      tree,
      signer,
      ORIGIN,
      () => new Date(),
      () => undefined,
    );
    const kept = checkpointer.issue();
    const options = {
      verifiers,
      checkpoints: [{ note: kept.note, source: 'kept' as const }],
      densePositions: true,
      treeFile,
    };
    const expected = await auditStoredLog(store, options);
    expect(expected).toMatchObject({ ok: true, treeSize: 3017, problems: [] });
    for (const threads of [0, 1, 3]) {
      expect(await auditSqliteLog(file, { ...options, threads })).toEqual(expected);
    }
  });

  it('names the same first changed leaf as auditStoredLog, and leaves the file as it was', async () => {
    const file = join(dir.path, 'events.db');
    const store = await awkwardLog(file);
    const treeFile = new TreeFile(join(dir.path, 'log-tree.db'));
    opened.push(store, treeFile);
    const tree = new LogTree(store, treeFile);
    await tree.catchUp();
    const kept = new Checkpointer(
      tree,
      signer,
      ORIGIN,
      () => new Date(),
      () => undefined,
    ).issue();
    // An insider's edits: one event's data rewritten (still canonical), a later event deleted.
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"index":99,"offset":1}' WHERE position = 1500`).run();
    db.prepare('DELETE FROM events WHERE position = 2000').run();
    db.close();
    const options = {
      verifiers,
      checkpoints: [{ note: kept.note, source: 'kept' as const }],
      densePositions: true,
      treeFile,
    };
    const expected = await auditStoredLog(store, options);
    expect(expected.problems.map((problem) => problem.reason)).toEqual([
      'leaf_mismatch',
      'position_gap',
      'checkpoint_beyond_log',
    ]);
    const before = sha256(file);
    expect(await auditSqliteLog(file, { ...options, threads: 2 })).toEqual(expected);
    expect(sha256(file)).toBe(before);
  });

  it('fails, as auditStoredLog does, on a row it cannot read, whichever thread reads it', async () => {
    const file = join(dir.path, 'events.db');
    const store = await awkwardLog(file);
    opened.push(store);
    const db = new Database(file);
    db.prepare('UPDATE events SET recorded_at = 9e15 WHERE position = 2500').run();
    db.close();
    const options = { verifiers, checkpoints: [], densePositions: true };
    await expect(auditStoredLog(store, options)).rejects.toThrow(RangeError);
    for (const threads of [0, 2]) {
      await expect(auditSqliteLog(file, { ...options, threads })).rejects.toThrow(
        'Invalid time value',
      );
    }
  });

  it('finds where "hash" goes among the metadata’s names, or leaves an odd text to the parser', () => {
    const at = (json: string) => hashAt(Buffer.from(json));
    expect(at('{}')).toEqual({ index: 1, alone: true });
    expect(at('{"a":{"z":"}"},"i":1}')).toEqual({ index: 15 });
    expect(at('{"a":[1,"]"],"has":"\\"","hasha":0}')).toEqual({ index: 24 });
    expect(at('{"a":1,"b":"x"}')).toEqual({ index: 14, last: true });
    expect(at('{"a":1,"hash":"x"}')).toBeUndefined();
    expect(at('{"h\\u0061sh":1}')).toBeUndefined();
    expect(at('{ "a":1}')).toBeUndefined();
    expect(at('[1]')).toBeUndefined();
  });
});

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
