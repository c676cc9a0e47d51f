import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Claim } from '@marginalia/domain';
import {
  AssignClaimCommand,
  CaptureClaimCommand,
  type CommandResult,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from '@marginalia/editorial';
import type { AnnotatedView } from '@marginalia/projections';
import { catchUp, ReadModelDatabase, ReadModelQueries } from '@marginalia/read-models';
import {
  corpusDirectory,
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker } = newsroom;

/*
 * ReadModelQueries.cachedView serves a view rendered before while the rows it was rendered from are
 * unchanged. Each test changes those rows one way the server meets (a batch of its projector,
 * another process writing the file, a rebuild in place, a rebuilt file put in place) and needs
 * the change in the next view.
 */
describe('the annotated views the read models serve again', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let file: string;
  let live: ReadModelDatabase;
  let queries: ReadModelQueries;
  let coal: string;
  let yangquan: string;
  let coalClaim: string;

  const send = <T>(command: object) => desk.commands.execute<object, T>(command);
  const capture = async (articleId: string, exact: string) =>
    (
      await send<CommandResult<Claim>>(
        new CaptureClaimCommand(
          { articleId, selector: { exact }, statement: null, claimant: null, topics: [] },
          requestBy(factChecker),
        ),
      )
    ).state.claimId;
  const statuses = (view: AnnotatedView | undefined) =>
    view?.annotations.map((annotation) => [annotation.id, annotation.status]);

  beforeAll(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { processManagers: false });
    const corpus = await send<ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(editor)),
    );
    coal = corpus.find((a) => a.file.startsWith('000'))!.articleId;
    yangquan = corpus.find((a) => a.file.startsWith('002'))!.articleId;
    coalClaim = await capture(coal, '去年煤炭产量达到13.78亿吨');
    file = join(dir.path, 'read-models.db');
    live = new ReadModelDatabase(file);
    queries = new ReadModelQueries(live);
    await catchUp(desk.store, live);
  }, 30_000);

  afterAll(async () => {
    live.close();
    await desk.close();
    dir.remove();
  });

  it('serves the same view while its rows are unchanged, whatever other articles do', async () => {
    const first = queries.cachedView(coal);
    expect(statuses(first)).toEqual([[coalClaim, 'open']]);
    expect(queries.cachedView(coal)).toBe(first);

    const skyClaim = await capture(yangquan, '陽泉的天更藍(lán)了');
    await catchUp(desk.store, live);
    expect(statuses(queries.cachedView(yangquan))).toEqual([[skyClaim, 'open']]);
    expect(queries.cachedView(coal)).toBe(first);
  });

  it('shows a change of one claim written by its own projector', async () => {
    expect(statuses(queries.cachedView(coal))).toEqual([[coalClaim, 'open']]);
    // Assigning an open claim leaves the article's counts, and so its row, as they were.
    await send(
      new AssignClaimCommand({ claimId: coalClaim, assignee: factChecker.sub }, requestBy(editor)),
    );
    await catchUp(desk.store, live);
    expect(statuses(queries.cachedView(coal))).toEqual([[coalClaim, 'assigned']]);
  });

  it('shows what another connection to the file wrote, as another process would', async () => {
    const before = queries.cachedView(coal)!;
    const powerClaim = await capture(coal, '发电量4376亿千瓦时');
    const other = new ReadModelDatabase(file);
    try {
      await catchUp(desk.store, other);
    } finally {
      other.close();
    }
    const after = queries.cachedView(coal)!;
    expect(after.position).toBeGreaterThan(before.position);
    expect(after.annotations.map((a) => a.id).sort()).toEqual([coalClaim, powerClaim].sort());
  });

  it('forgets every view when the file is emptied for a rebuild in place', async () => {
    await catchUp(desk.store, live);
    expect(queries.cachedView(coal)).toBeDefined();
    live.reset();
    expect(queries.cachedView(coal)).toBeUndefined();
    await catchUp(desk.store, live);
    expect(queries.cachedView(coal)?.annotations).toHaveLength(2);
  });

  it('forgets every view when a rebuilt file takes the old one’s place', async () => {
    // Written by other connections only, so that nothing but the reopening tells them apart.
    const position = (await desk.store.headPosition()) - 1;
    const whole = join(dir.path, 'whole.db');
    const partial = join(dir.path, 'partial.db');
    const build = async (target: string, until?: number) => {
      const database = new ReadModelDatabase(target);
      await catchUp(desk.store, database, until === undefined ? {} : { until });
      database.close();
    };
    await build(whole);
    await build(partial, position);

    const reader = new ReadModelDatabase(whole);
    try {
      const readerQueries = new ReadModelQueries(reader);
      expect(readerQueries.cachedView(coal)?.annotations).toHaveLength(2);
      reader.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${whole}${suffix}`, { force: true });
      renameSync(partial, whole);
      reader.reopen();
      expect(readerQueries.cachedView(coal)?.annotations).toHaveLength(1);
    } finally {
      reader.close();
    }
  });
});
