import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  articleDecider,
  type Correction,
  decideArticle,
  streams,
  SYSTEM_ACTOR,
} from '@marginalia/domain';
import {
  AggregateStore,
  ApproveCorrectionCommand,
  CaptureClaimCommand,
  type CommandResult,
  ImportArticleCommand,
  PROCESS_STATE,
  ProposeCorrectionCommand,
  ReviseArticleCommand,
} from '@marginalia/editorial';
import { createEventIdGenerator, iterateAll, verifyHashChains } from '@marginalia/event-store';
import { type EditorialApp, newsroom, requestBy, startEditorial } from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor } = newsroom;

const FIRST_TEXT = [
  '太原讯 省统计局3月8日发布数据。',
  '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。',
  '陽泉的天更藍了、水更清了、地更綠了。',
].join('\n\n');

describe('the process managers', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(async () => {
    await desk.close();
    dir.remove();
  });

  async function importArticle(content = FIRST_TEXT): Promise<string> {
    const result: CommandResult<{ articleId: string }> = await desk.commands.execute(
      new ImportArticleCommand(
        {
          title: '统计局发布数据',
          language: 'zh-Hans',
          format: 'text',
          content,
          source: { url: 'https://example.org/news/1', publisher: '山西日报', publishedAt: null },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    return result.state.articleId;
  }

  async function proposeAndApprove(articleId: string): Promise<string> {
    const proposed: CommandResult<Correction> = await desk.commands.execute(
      new ProposeCorrectionCommand(
        {
          articleId,
          selector: { exact: '13.78亿吨' },
          kind: 'correction',
          replacement: '13.79亿吨',
          notice: '更正：产量应为13.79亿吨。',
          claimId: null,
        },
        requestBy(editor),
      ),
    );
    const correctionId = proposed.state.correctionId;
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    return correctionId;
  }

  async function allEvents() {
    const events = [];
    for await (const event of iterateAll(desk.store)) events.push(event);
    return events;
  }

  it('change nothing when they run a second time over the same events', async () => {
    desk = await startEditorial(dir.path);
    const articleId = await importArticle();
    await desk.commands.execute(
      new CaptureClaimCommand(
        {
          articleId,
          selector: { exact: '陽泉的天更藍了' },
          statement: null,
          claimant: null,
          topics: [],
        },
        requestBy(factChecker),
      ),
    );
    await proposeAndApprove(articleId);
    await desk.settle();
    const before = await allEvents();
    expect(before.map((e) => e.type)).toEqual([
      'ArticleImported',
      'ClaimCaptured',
      'CorrectionProposed',
      'CorrectionApproved',
      'ArticleRevised',
      'CorrectionPublished',
      'AnnotationReanchored',
    ]);

    // Forget their checkpoint and memory: they replay the whole log from the start.
    await desk.close();
    rmSync(join(dir.path, 'process-managers.db'));
    desk = await startEditorial(dir.path);
    await desk.settle();
    expect(desk.processManagers!.status()).toEqual({ position: before.length, failures: 0 });
    expect(await allEvents()).toEqual(before);
  });

  it('commit their state once per turn of the event loop, and report only what is committed', async () => {
    desk = await startEditorial(dir.path);
    const state = desk.app.get<{ commits: number }>(PROCESS_STATE);
    const nextId = createEventIdGenerator();
    const before = state.commits;
    for (let append = 0; append < 10; append += 1) {
      await desk.store.append(
        'noise-1',
        Array.from({ length: 100 }, (_, index) => ({
          eventId: nextId(),
          type: 'NoiseRecorded',
          schemaVersion: 1,
          data: { index },
          metadata: {},
        })),
        { expectedRevision: 'any' },
      );
    }
    const head = await desk.store.headPosition();
    expect(await desk.processManagers!.waitFor(head, 10_000)).toBe(true);
    // One commit per event would be 1,000.
    expect(state.commits - before).toBeLessThanOrEqual(20);
    // What waitFor reported is in the file, for another connection to read.
    const file = new Database(join(dir.path, 'process-managers.db'), { readonly: true });
    expect(file.prepare('SELECT position FROM checkpoints').pluck().get()).toBe(head);
    file.close();
    await desk.close();
    desk = await startEditorial(dir.path);
    expect(desk.processManagers!.status().position).toBe(head);
  });

  it('finish a publication interrupted between the new revision and the publication', async () => {
    desk = await startEditorial(dir.path, { processManagers: false });
    const articleId = await importArticle();
    const correctionId = await proposeAndApprove(articleId);
    const approved = (await desk.events(streams.correction(correctionId)))[1]!;
    const correction = (await desk.events(streams.correction(correctionId)))[0]!.data;
    // What a process manager that crashed right after its first append had left behind.
    await desk.app.get(AggregateStore).execute(
      articleDecider,
      streams.article(articleId),
      (state) =>
        decideArticle(
          {
            type: 'ApplyCorrection',
            articleId,
            correction: {
              correctionId,
              kind: 'correction',
              anchor: correction.anchor as never,
              replacement: '13.79亿吨',
              notice: '更正：产量应为13.79亿吨。',
            },
            actor: SYSTEM_ACTOR,
          },
          state,
        ),
      { actor: SYSTEM_ACTOR, correlationId: approved.eventId, causationId: approved.eventId },
    );
    await desk.close();

    desk = await startEditorial(dir.path);
    await desk.settle();
    const articleEvents = await desk.events(streams.article(articleId));
    expect(articleEvents.map((e) => e.type)).toEqual(['ArticleImported', 'ArticleRevised']);
    const published = (await desk.events(streams.correction(correctionId)))[2]!;
    expect(published).toMatchObject({
      type: 'CorrectionPublished',
      data: { revision: 2, anchor: { revision: 2, exact: '13.79亿吨' } },
      metadata: { actor: { sub: 'system' }, causationId: approved.eventId },
    });
  });

  it('move a claim captured on an outdated revision to the current one in the same append', async () => {
    desk = await startEditorial(dir.path);
    const articleId = await importArticle();
    await desk.commands.execute(
      new ReviseArticleCommand(
        { articleId, content: `【快讯】${FIRST_TEXT}`, format: null, reason: '来源更新了导语' },
        requestBy(editor),
      ),
    );
    const captured: CommandResult<{ claimId: string }> = await desk.commands.execute(
      new CaptureClaimCommand(
        {
          articleId,
          revision: 1,
          selector: { start: 19, end: 36 },
          statement: null,
          claimant: null,
          topics: [],
        },
        requestBy(factChecker),
      ),
    );
    await desk.settle();
    const events = await desk.events(streams.claim(captured.state.claimId));
    expect(events.map((e) => [e.type, e.data.method])).toEqual([
      ['ClaimCaptured', undefined],
      ['AnnotationReanchored', 'shifted'],
    ]);
    expect(events[1]!.data.anchor).toMatchObject({
      revision: 2,
      start: 23,
      end: 40,
      exact: '去年全省煤炭产量达到13.78亿吨',
    });
  });

  it('follow a re-import that lands between the approval and the publication', async () => {
    desk = await startEditorial(dir.path, { processManagers: false });
    const articleId = await importArticle();
    const correctionId = await proposeAndApprove(articleId);
    await desk.commands.execute(
      new ReviseArticleCommand(
        { articleId, content: `【快讯】${FIRST_TEXT}`, format: null, reason: '来源更新了导语' },
        requestBy(editor),
      ),
    );
    await desk.close();

    desk = await startEditorial(dir.path);
    await desk.settle();
    const article = await desk.app
      .get(AggregateStore)
      .load(articleDecider, streams.article(articleId));
    expect(article.state!.revisions.map((r) => r.correctionId)).toEqual([null, null, correctionId]);
    expect(article.state!.revisions[2]!.text).toBe(
      `【快讯】${FIRST_TEXT}`.replace('13.78亿吨', '13.79亿吨'),
    );
    const correction = await desk.events(streams.correction(correctionId));
    expect(correction.map((e) => [e.type, e.data.revision ?? e.data.anchor])).toEqual([
      ['CorrectionProposed', expect.objectContaining({ revision: 1 })],
      ['CorrectionApproved', undefined],
      ['AnnotationReanchored', expect.objectContaining({ revision: 2, start: 33, end: 40 })],
      ['CorrectionPublished', 3],
    ]);
    expect((await verifyHashChains(desk.store)).ok).toBe(true);
  });
});
