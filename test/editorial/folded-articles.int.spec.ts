import { join } from 'node:path';
import { type Article, articleDecider, streams } from '@marginalia/domain';
import {
  AggregateStore,
  CaptureClaimCommand,
  type CommandResult,
  ImportArticleCommand,
  ReviseArticleCommand,
} from '@marginalia/editorial';
import { type Claim } from '@marginalia/domain';
import { type EditorialApp, newsroom, requestBy, startEditorial } from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker } = newsroom;

/**
 * `Articles` keeps folded articles between commands and folds only what was stored after them.
 * Two replicas on one log: what one appends, the other's cached article must show at once.
 */
describe('folded articles kept between commands', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let a: EditorialApp;
  let b: EditorialApp;
  let articleId: string;

  beforeAll(async () => {
    dir = makeTempDir();
    a = await startEditorial(dir.path, { processStateFile: join(dir.path, 'a-process.db') });
    b = await startEditorial(dir.path, { processStateFile: join(dir.path, 'b-process.db') });
    const imported: CommandResult<{ articleId: string }> = await a.commands.execute(
      new ImportArticleCommand(
        {
          title: '陽泉空氣質量',
          language: 'zh-Hant',
          format: 'text',
          content: '陽泉的天更藍了。𠀾先生說。',
          source: { url: 'https://example.org/news/folded', publisher: null, publishedAt: null },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    articleId = imported.state.articleId;
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    dir.remove();
  });

  const capture = (app: EditorialApp, exact: string, revision?: number) =>
    app.commands.execute<CaptureClaimCommand, CommandResult<Claim>>(
      new CaptureClaimCommand(
        {
          articleId,
          selector: { exact },
          revision,
          statement: null,
          claimant: null,
          topics: [],
        },
        requestBy(factChecker),
      ),
    );

  it('sees a revision another replica appended after the article was cached', async () => {
    // Replica a folds and keeps revision 1.
    expect((await capture(a, '陽泉的天更藍了')).state.anchor.revision).toBe(1);
    await b.commands.execute(
      new ReviseArticleCommand(
        {
          articleId,
          format: 'text',
          content: '陽泉的天更藍了。𠀾先生說，空氣優良天數增加。',
          reason: '補充數據',
        },
        requestBy(editor),
      ),
    );
    // The new passage exists only in revision 2: a stale article refuses it as not found.
    const current = await capture(a, '空氣優良天數增加');
    expect(current.state.anchor).toMatchObject({ revision: 2, state: 'anchored' });
    const named = await capture(a, '空氣優良天數增加', 2);
    expect(named.state.anchor.revision).toBe(2);
  });

  it('folds only the events after a known state, on top of it', async () => {
    const aggregates = a.app.get(AggregateStore);
    const streamId = streams.article(articleId);
    const full = await aggregates.load(articleDecider, streamId);
    expect(full.version).toBe(1);
    const first = await aggregates.load(articleDecider, streamId, {
      state: { ...(full.state as Article), title: 'known title', revisions: [] },
      version: 0,
    });
    // Revision 1 of the stream (the revision) was folded on the known state; the import was not.
    expect(first.version).toBe(1);
    expect(first.state).toMatchObject({ title: 'known title' });
    expect((first.state as Article).revisions.map((revision) => revision.revision)).toEqual([2]);
    const same = await aggregates.load(articleDecider, streamId, {
      state: full.state as Article,
      version: 1,
    });
    expect(same).toEqual({ state: full.state, version: 1 });
  });
});
