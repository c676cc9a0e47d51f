import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CaptureClaimCommand,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from '@marginalia/editorial';
import {
  copyLog,
  type CopyTarget,
  InvalidAppendError,
  iterateAll,
  MigrationError,
  SqliteEventStore,
  sqliteCopyTarget,
  type StoredEvent,
} from '@marginalia/event-store';
import { newEvent, newEvents } from '@marginalia/event-store/testing';
import { compareReadModels } from '@marginalia/read-models';
import { corpusDirectory, newsroom, requestBy, startEditorial } from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const root = join(__dirname, '..', '..');

async function everything(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterateAll(store)) events.push(event);
  return events;
}

/** What a copy must keep of every event: all of it but its position. */
function withoutPosition(events: StoredEvent[]) {
  return events.map(({ position: _position, ...rest }) => rest);
}

/** A log of interleaved streams whose clock repeats and jumps, in batches and alone. */
async function writeSyntheticLog(file: string): Promise<void> {
  const times = [0, 0, 0, 1, 1, 5000, 5000, 5001, 86_400_000, 86_400_000, 86_400_003];
  let tick = 0;
  const start = Date.parse('2024-03-08T02:29:15.000Z');
  const store = new SqliteEventStore({
    file,
    clock: () => new Date(start + times[Math.min(tick++, times.length - 1)]!),
  });
  await store.append('claim-a', newEvents(3, { reason: '笔误' }), {
    expectedRevision: 'no_stream',
  });
  await store.append('claim-b', newEvents(1), { expectedRevision: 'no_stream' });
  await store.append('claim-a', newEvents(2), { expectedRevision: 2 });
  await store.append('article-x', [newEvent({ data: { text: '𠀋 emoji 👩‍👩‍👧 e\u0301' } })], {
    expectedRevision: 'no_stream',
  });
  await store.append('claim-b', newEvents(4), { expectedRevision: 0 });
  for (let i = 0; i < 6; i += 1) {
    await store.append(i % 2 ? 'claim-a' : 'claim-c', newEvents(1), { expectedRevision: 'any' });
  }
  await store.close();
}

describe('copying an event log into another (npm run cli -- migrate)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir('marginalia-migrate-')));
  afterEach(() => dir.remove());

  it('keeps order, event ids, metadata, hashes and recorded times of every event', async () => {
    const sourceFile = join(dir.path, 'source.db');
    await writeSyntheticLog(sourceFile);
    const source = new SqliteEventStore({ file: sourceFile });
    const target = sqliteCopyTarget(join(dir.path, 'copy.db'));

    const report = await copyLog(source, target, { pageSize: 4 });

    const original = await everything(source);
    const copy = await everything(target.store as SqliteEventStore);
    expect(original).toHaveLength(17);
    expect(withoutPosition(copy)).toEqual(withoutPosition(original));
    expect(report).toMatchObject({ resumedAfter: 0, copied: 17, events: 17, streams: 4 });
    // The times repeat and jump; the copy's clock is the original's.
    expect(new Set(copy.map((event) => event.recordedAt)).size).toBeGreaterThan(4);
    await source.close();
    await target.store.close();
  });

  it('resumes an interrupted copy after what the target already holds', async () => {
    const sourceFile = join(dir.path, 'source.db');
    await writeSyntheticLog(sourceFile);
    const source = new SqliteEventStore({ file: sourceFile });
    const real = sqliteCopyTarget(join(dir.path, 'copy.db'));
    let appends = 0;
    const failing: CopyTarget = {
      store: real.store,
      appendCopies: (streamId, events, options) => {
        appends += 1;
        if (appends === 4) return Promise.reject(new Error('connection lost'));
        return real.appendCopies(streamId, events, options);
      },
    };
    await expect(copyLog(source, failing)).rejects.toThrow('connection lost');
    const partial = await real.store.headPosition();
    expect(partial).toBeGreaterThan(0);

    const report = await copyLog(source, real);

    expect(report.resumedAfter).toBe(partial);
    expect(report.copied).toBe(17 - partial);
    expect(withoutPosition(await everything(real.store as SqliteEventStore))).toEqual(
      withoutPosition(await everything(source)),
    );
    await source.close();
    await real.store.close();
  });

  it('refuses a target that holds anything but the beginning of the source, writing nothing', async () => {
    const sourceFile = join(dir.path, 'source.db');
    await writeSyntheticLog(sourceFile);
    const source = new SqliteEventStore({ file: sourceFile });
    const target = sqliteCopyTarget(join(dir.path, 'other.db'));
    await target.store.append('claim-a', newEvents(1), { expectedRevision: 'no_stream' });

    await expect(copyLog(source, target)).rejects.toThrow(MigrationError);
    await expect(copyLog(source, target)).rejects.toThrow(/not a copy of the source's beginning/);
    expect(await target.store.headPosition()).toBe(1);
    await source.close();
    await target.store.close();
  });

  it('refuses a source whose hash chain is broken, naming the event, before writing', async () => {
    const sourceFile = join(dir.path, 'source.db');
    await writeSyntheticLog(sourceFile);
    const db = new Database(sourceFile);
    db.prepare(
      `UPDATE events SET data = '{"index":99}' WHERE stream_id = 'claim-b' AND revision = 2`,
    ).run();
    db.close();
    const source = new SqliteEventStore({ file: sourceFile });
    const target = sqliteCopyTarget(join(dir.path, 'copy.db'));

    await expect(copyLog(source, target)).rejects.toThrow(/claim-b@2 \(hash_mismatch\)/);
    expect(await target.store.headPosition()).toBe(0);
    await source.close();
    await target.store.close();
  });

  it('keeps the name recordedAt out of writers’ metadata, since copies carry it', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const event = newEvent();
    await expect(
      store.append('claim-a', [{ ...event, metadata: { ...event.metadata, recordedAt: 'x' } }], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toThrow(InvalidAppendError);
    await store.close();
  });

  it('gives a newsroom on the copy the same read models, and its process managers add nothing', async () => {
    const before = join(dir.path, 'before');
    const after = join(dir.path, 'after');
    const desk = await startEditorial(before, { readModels: true });
    const corpus = await desk.commands.execute<ImportCorpusCommand, ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(newsroom.editor)),
    );
    await desk.commands.execute(
      new CaptureClaimCommand(
        {
          articleId: corpus[0]!.articleId,
          selector: { exact: '去年煤炭产量达到13.78亿吨' },
          statement: null,
          claimant: null,
          topics: [],
        },
        requestBy(newsroom.editor),
      ),
    );
    await desk.settle();
    await desk.close();

    const cli = spawnSync(
      process.execPath,
      [
        '-r',
        './scripts/register-ts.js',
        'apps/cli/src/main.ts',
        'migrate',
        '--from',
        `sqlite:${join(before, 'events.db')}`,
        '--to',
        `sqlite:${join(after, 'events.db')}`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(cli.stderr).toContain('process-managers.db');
    expect(cli.status).toBe(0);
    const report = JSON.parse(cli.stdout) as { copied: number; events: number };
    expect(report.copied).toBe(report.events);

    const copyDesk = await startEditorial(after, { readModels: true });
    const head = await copyDesk.store.headPosition();
    await copyDesk.settle();
    expect(await copyDesk.store.headPosition()).toBe(head);
    await copyDesk.close();

    const live = new Database(join(before, 'read-models.db'), { readonly: true });
    const fresh = new Database(join(after, 'read-models.db'), { readonly: true });
    expect(compareReadModels(live, fresh)).toEqual([]);
    expect(fresh.prepare('SELECT COUNT(*) AS n FROM claims').get()).toEqual({ n: 1 });
    live.close();
    fresh.close();
  });

  it('answers usage errors with exit code 2 and touches nothing', () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['-r', './scripts/register-ts.js', 'apps/cli/src/main.ts', ...args],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
    const file = join(dir.path, 'events.db');
    const same = run('migrate', '--from', `sqlite:${file}`, '--to', `sqlite:${file}`);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('--from and --to name the same file');
    const missing = run('migrate', '--from', `sqlite:${file}`, '--to', 'postgres://x');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--to must be sqlite:<file> or an esdb:// connection string');
    const absent = run('migrate', '--from', `sqlite:${file}`, '--to', `sqlite:${file}.copy`);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toContain('does not exist');
  });
});
