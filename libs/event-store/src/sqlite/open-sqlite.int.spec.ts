import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { commitDurably, openSqlite, sqliteProfile, type SqliteProfileName } from './open-sqlite';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openSqlite', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  /** A file in rollback-journal mode with one row, as a backup is. */
  function existingFile(name = 'existing.db'): string {
    const file = join(dir.path, name);
    new Database(file).exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)').close();
    return file;
  }

  const settings = (file: string, profile: SqliteProfileName) => {
    const db = openSqlite(file, profile);
    try {
      return {
        journal: db.pragma('journal_mode', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }),
        busyTimeout: db.pragma('busy_timeout', { simple: true }),
        locking: db.pragma('locking_mode', { simple: true }),
      };
    } finally {
      db.close();
    }
  };

  it.each([
    ['durable', { journal: 'wal', synchronous: 2, busyTimeout: 5000, locking: 'normal' }],
    ['derived', { journal: 'wal', synchronous: 1, busyTimeout: 5000, locking: 'normal' }],
    // Not 'off': better-sqlite3's defensive mode ignores journal_mode = OFF.
    ['building', { journal: 'delete', synchronous: 0, busyTimeout: 30_000, locking: 'normal' }],
    ['readOnly', { journal: 'delete', synchronous: 2, busyTimeout: 5000, locking: 'normal' }],
    ['copySource', { journal: 'delete', synchronous: 2, busyTimeout: 5000, locking: 'normal' }],
    ['lockProbe', { journal: 'delete', synchronous: 2, busyTimeout: 0, locking: 'exclusive' }],
  ] as const)('sets the %s profile’s pragmas on the connection', (profile, expected) => {
    expect(settings(existingFile(), profile)).toEqual(expected);
  });

  it('waits for another connection’s lock as long as asked', () => {
    const db = openSqlite(join(dir.path, 'log.db'), 'durable', { busyTimeoutMs: 1234 });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    db.close();
  });

  it('reads a read-only file, refuses writes to it, and leaves it and its folder as they were', () => {
    const file = existingFile();
    const before = sha256(file);
    const db = openSqlite(file, 'readOnly');
    expect(db.prepare('SELECT x FROM t').pluck().get()).toBe(1);
    expect(() => db.exec('INSERT INTO t VALUES (2)')).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY' }) as Error,
    );
    db.close();
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dir.path)).toEqual(['existing.db']);
  });

  it.each(['readOnly', 'copySource', 'lockProbe'] as const)(
    'refuses a missing file with the %s profile, without making it',
    (profile) => {
      expect(() => openSqlite(join(dir.path, 'missing.db'), profile)).toThrow(
        expect.objectContaining({ code: 'SQLITE_CANTOPEN' }) as Error,
      );
      expect(readdirSync(dir.path)).toEqual([]);
    },
  );

  it('opens a scratch database in memory, writing nothing to disk', () => {
    const db = openSqlite(join(dir.path, 'scratch.db'), 'scratch');
    db.exec('CREATE TABLE t (x INTEGER)');
    expect(db.memory).toBe(true);
    db.close();
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('hands a worker its profile as plain data, leaving the profile itself unchanged', () => {
    const profile = sqliteProfile('building', { busyTimeoutMs: 7 });
    expect(structuredClone(profile)).toEqual({
      options: { timeout: 7 },
      pragmas: ['synchronous = OFF'],
    });
    expect(sqliteProfile('building').options).toEqual({ timeout: 30_000 });
  });

  it('commits durably, then goes back to the connection’s own synchronous setting', () => {
    const db = openSqlite(join(dir.path, 'tree.db'), 'derived');
    const during = commitDurably(db, () => db.pragma('synchronous', { simple: true }));
    expect(during).toBe(2);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(() =>
      commitDurably(db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });
});
