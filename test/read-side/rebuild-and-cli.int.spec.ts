import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CaptureClaimCommand,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from '@marginalia/editorial';
import { ReadModelFold } from '@marginalia/projections';
import {
  applyBatch,
  catchUp,
  CheckpointMovedError,
  compareReadModels,
  READ_MODEL_DATABASE,
  ReadModelDatabase,
  rebuildInPlace,
  Rebuilder,
} from '@marginalia/read-models';
import {
  corpusDirectory,
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const root = join(__dirname, '..', '..');

describe('rebuilding the read models', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;

  beforeEach(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { readModels: true });
    const corpus = await desk.commands.execute<ImportCorpusCommand, ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(newsroom.editor)),
    );
    for (const exact of ['去年煤炭产量达到13.78亿吨', '发电量4376亿千瓦时']) {
      await desk.commands.execute(
        new CaptureClaimCommand(
          {
            articleId: corpus[0]!.articleId,
            selector: { exact },
            statement: null,
            claimant: null,
            topics: [],
          },
          requestBy(newsroom.factChecker),
        ),
      );
    }
    await desk.settle();
  });

  afterEach(async () => {
    await desk.close();
    dir.remove();
  });

  async function matchesAFreshReplay(database: ReadModelDatabase): Promise<void> {
    const fresh = new ReadModelDatabase(join(dir.path, `fresh-${Date.now()}.db`));
    await catchUp(desk.store, fresh);
    expect(fresh.checkpoint()).toBe(database.checkpoint());
    expect(compareReadModels(database.db, fresh.db)).toEqual([]);
    fresh.close();
  }

  it('refuses to write a batch folded from a checkpoint another writer has moved', async () => {
    const file = join(dir.path, 'shared.db');
    const first = new ReadModelDatabase(file);
    const second = new ReadModelDatabase(file);
    const events = await desk.store.readAll({ maxCount: 100 });
    const fold = new ReadModelFold(first);
    events.forEach((event) => fold.apply(event));
    applyBatch(second, events, 0);
    expect(() => first.write(fold.drain(), 0, events[events.length - 1]!.position)).toThrow(
      CheckpointMovedError,
    );
    await matchesAFreshReplay(first);
    first.close();
    second.close();
  });

  it('rebuilds in place while the live projector follows, and both end where a fresh replay ends', async () => {
    const live = desk.app.get<ReadModelDatabase>(READ_MODEL_DATABASE);
    const other = new ReadModelDatabase(live.file);
    await rebuildInPlace(desk.store, other);
    other.close();
    await desk.commands.execute(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(newsroom.editor)),
    );
    await desk.settle();
    await matchesAFreshReplay(live);
  });

  it('rebuilds into a new file and swaps it in while the server keeps serving', async () => {
    const live = desk.app.get<ReadModelDatabase>(READ_MODEL_DATABASE);
    const result = await desk.app.get(Rebuilder).rebuild();
    expect(result).toMatchObject({ events: await desk.store.headPosition() });
    await matchesAFreshReplay(live);
  });
});

describe('the integrity and rebuild commands of the CLI', () => {
  const cli = (dataDir: string, ...args: string[]) =>
    spawnSync(
      process.execPath,
      ['-r', './scripts/register-ts.js', 'apps/cli/src/main.ts', ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, NO_COLOR: '1' },
        encoding: 'utf8',
      },
    );

  it('report a sound log with exit 0, and an edited event by its stream and revision with exit 1', () => {
    const dir = makeTempDir();
    try {
      expect(cli(dir.path, 'import-corpus').status).toBe(0);
      expect(cli(dir.path, 'rebuild').stdout).toMatch(/Rebuilt the read models from 5 events/);
      const sound = cli(dir.path, 'integrity');
      expect(sound.status).toBe(0);
      expect(JSON.parse(sound.stdout)).toMatchObject({ ok: true, streams: 5, events: 5 });

      const log = new Database(join(dir.path, 'events.db'));
      const { stream_id: stream } = log
        .prepare('SELECT stream_id FROM events WHERE position = 3')
        .get() as {
        stream_id: string;
      };
      log
        .prepare(`UPDATE events SET data = json_set(data, '$.title', '篡改') WHERE position = 3`)
        .run();
      log.close();
      const broken = cli(dir.path, 'integrity');
      expect(broken.status).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({
        ok: false,
        chains: { ok: false, broken: [{ streamId: stream, revision: 0, reason: 'hash_mismatch' }] },
      });
    } finally {
      dir.remove();
    }
  }, 30_000);
});
