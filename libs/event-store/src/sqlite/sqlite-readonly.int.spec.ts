import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { EventStoreUnavailableError } from '../errors';
import { newEvents } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A log opened read-only is the source of a copy: it may be a backup that must still restore. */
describe('a SQLite event log opened read-only', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  /** A log in rollback-journal mode, as a backup is (VACUUM INTO writes one). */
  async function backupWithEvents(count: number): Promise<string> {
    const live = new SqliteEventStore({
      file: join(dir.path, 'live.db'),
      crossProcessWakeups: false,
    });
    await live.append('claim-1', newEvents(count), { expectedRevision: 'no_stream' });
    await live.close();
    const backup = join(dir.path, 'backups', 'copy.db');
    const db = new Database(join(dir.path, 'live.db'));
    mkdirSync(join(dir.path, 'backups'));
    db.prepare('VACUUM INTO ?').run(backup);
    db.close();
    return backup;
  }

  it('reads every event, refuses appends, and leaves the file and its folder as they were', async () => {
    const backup = await backupWithEvents(3);
    const before = sha256(backup);
    const store = new SqliteEventStore({
      file: backup,
      crossProcessWakeups: false,
      readonly: true,
    });
    expect(await store.readAll({ maxCount: 10 })).toHaveLength(3);
    await expect(
      store.append('claim-2', newEvents(1), { expectedRevision: 'no_stream' }),
    ).rejects.toThrow(new EventStoreUnavailableError('The event log is open read-only'));
    await store.close();
    expect(sha256(backup)).toBe(before);
    expect(readdirSync(join(dir.path, 'backups'))).toEqual(['copy.db']);
  });

  it('refuses a file of another schema version instead of migrating it', () => {
    const file = join(dir.path, 'old.db');
    new Database(file).exec('CREATE TABLE events (position INTEGER)').close();
    const before = sha256(file);
    expect(
      () => new SqliteEventStore({ file, crossProcessWakeups: false, readonly: true }),
    ).toThrow(
      expect.objectContaining({
        cause: new Error('it is not an event log (no schema version)'),
      }) as Error,
    );
    expect(sha256(file)).toBe(before);
  });

  it('refuses a file that does not exist, without making it', () => {
    const file = join(dir.path, 'missing.db');
    expect(() => new SqliteEventStore({ file, readonly: true })).toThrow(
      EventStoreUnavailableError,
    );
    expect(readdirSync(dir.path)).toEqual([]);
  });
});
