import { type Claim } from '@marginalia/domain';
import {
  ApproveVerdictCommand,
  AssignClaimCommand,
  CaptureClaimCommand,
  type CommandResult,
  DraftVerdictCommand,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
  ProposeCorrectionCommand,
  SubmitVerdictCommand,
  WithdrawClaimCommand,
} from '@marginalia/editorial';
import { historyCsv, historyJsonLines } from '@marginalia/projections';
import { ReadModelQueries } from '@marginalia/read-models';
import {
  corpusDirectory,
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor, otherStandardsEditor } = newsroom;

describe('the read models answer the desk’s questions', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let queries: ReadModelQueries;
  let coal: string;
  let yangquan: string;
  const claims: Record<string, string> = {};
  let betweenSteps: string;

  const send = <T>(command: object) => desk.commands.execute<object, T>(command);
  const capture = async (
    name: string,
    articleId: string,
    exact: string,
    statement: string | null = null,
  ) => {
    const result = await send<CommandResult<Claim>>(
      new CaptureClaimCommand(
        { articleId, selector: { exact }, statement, claimant: null, topics: [] },
        requestBy(factChecker),
      ),
    );
    claims[name] = result.state.claimId;
  };

  beforeAll(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { readModels: true });
    queries = desk.app.get(ReadModelQueries);
    const corpus = await send<ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(editor)),
    );
    coal = corpus.find((a) => a.file.startsWith('000'))!.articleId;
    yangquan = corpus.find((a) => a.file.startsWith('002'))!.articleId;
    await capture('coal', coal, '去年煤炭产量达到13.78亿吨', '山西2023年煤炭产量13.78亿吨');
    await capture('power', coal, '发电量4376亿千瓦时');
    await capture('sky', yangquan, '陽泉的天更藍(lán)了');
    await capture('dropped', yangquan, '水更清了');
    await desk.settle();
    betweenSteps = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await send(
      new AssignClaimCommand(
        { claimId: claims.coal!, assignee: otherStandardsEditor.sub },
        requestBy(editor),
      ),
    );
    await send(
      new AssignClaimCommand(
        { claimId: claims.sky!, assignee: factChecker.sub },
        requestBy(factChecker),
      ),
    );
    await send(
      new DraftVerdictCommand(
        {
          claimId: claims.coal!,
          rating: 'true',
          summary: '与统计公报一致。',
          rationale: null,
          sources: [
            { url: 'https://tjj.shanxi.gov.cn/', title: '统计公报', accessedAt: '2024-03-08' },
          ],
        },
        requestBy(otherStandardsEditor),
      ),
    );
    await send(
      new SubmitVerdictCommand({ claimId: claims.coal! }, requestBy(otherStandardsEditor)),
    );
    await send(new ApproveVerdictCommand({ claimId: claims.coal! }, requestBy(standardsEditor)));
    await send(
      new WithdrawClaimCommand({ claimId: claims.dropped!, reason: '重複' }, requestBy(editor)),
    );
    await send(
      new ProposeCorrectionCommand(
        {
          articleId: coal,
          kind: 'editors_note',
          replacement: null,
          notice: '本文数据来自代表团发布。',
          claimId: null,
        },
        requestBy(editor),
      ),
    );
    await desk.settle();
  }, 30_000);

  afterAll(async () => {
    await desk.close();
    dir.remove();
  });

  it('count each article’s open claims, published verdicts and corrections', () => {
    const { items } = queries.articles({});
    expect(items).toHaveLength(5);
    expect(queries.article(coal)).toMatchObject({
      openClaims: 1,
      publishedVerdicts: 1,
      corrections: 0,
      revision: 1,
    });
    expect(queries.article(yangquan)).toMatchObject({
      openClaims: 1,
      publishedVerdicts: 0,
      corrections: 0,
    });
  });

  it('filter claims by article, status, assignee, rating and text', () => {
    const ids = (filter: Parameters<ReadModelQueries['claims']>[0]) =>
      queries
        .claims(filter, {})
        .items.map((row) => row.id)
        .sort();
    expect(ids({ articleId: coal })).toEqual([claims.coal, claims.power].sort());
    expect(ids({ status: 'published' })).toEqual([claims.coal]);
    expect(ids({ status: 'assigned' })).toEqual([claims.sky]);
    expect(ids({ status: 'open' })).toEqual([claims.power]);
    expect(ids({ status: 'withdrawn' })).toEqual([claims.dropped]);
    expect(ids({ assignee: factChecker.sub })).toEqual([claims.sky]);
    expect(ids({ rating: 'true' })).toEqual([claims.coal]);
    expect(ids({ q: '2023年' })).toEqual([claims.coal]);
    expect(ids({ q: '千瓦时' })).toEqual([claims.power]);
    expect(ids({ articleId: yangquan, status: 'open' })).toEqual([]);
  });

  it('page with a limit and an opaque cursor, and refuse a cursor it did not make', () => {
    const first = queries.claims({}, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = queries.claims({}, { limit: 3, cursor: first.nextCursor! });
    expect(second).toEqual({
      items: [expect.objectContaining({ id: claims.dropped })],
      nextCursor: null,
    });
    expect(() => queries.claims({}, { cursor: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => queries.claims({}, { limit: 501 })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('filter corrections by article, status and kind', () => {
    const { items } = queries.corrections({ articleId: coal, kind: 'editors_note' }, {});
    expect(items).toEqual([expect.objectContaining({ status: 'proposed', articleId: coal })]);
    expect(queries.corrections({ status: 'published' }, {}).items).toEqual([]);
  });

  it('keep an article’s history with its annotations in log order, filterable by type, actor and time', () => {
    const all = queries.history({ articleId: coal }, { limit: 500 }).items;
    expect(all.map((e) => e.type)).toEqual([
      'ArticleImported',
      'ClaimCaptured',
      'ClaimCaptured',
      'ClaimAssigned',
      'VerdictDrafted',
      'VerdictSubmitted',
      'VerdictApproved',
      'VerdictPublished',
      'CorrectionProposed',
    ]);
    expect(all.map((e) => e.position)).toEqual(
      [...all.map((e) => e.position)].sort((a, b) => a - b),
    );
    expect(
      queries.history({ articleId: coal, types: ['VerdictApproved', 'VerdictPublished'] }, {})
        .items,
    ).toHaveLength(2);
    expect(
      queries.history({ articleId: coal, actor: standardsEditor.sub }, {}).items.map((e) => e.type),
    ).toEqual(['VerdictApproved', 'VerdictPublished']);
    const later = queries.history({ articleId: coal, from: betweenSteps }, {}).items;
    expect(later[0]?.type).toBe('ClaimAssigned');
    const earlier = queries.history({ articleId: coal, to: betweenSteps }, {}).items;
    expect(earlier.map((e) => e.type)).toEqual([
      'ArticleImported',
      'ClaimCaptured',
      'ClaimCaptured',
    ]);
    expect(queries.history({ annotationId: claims.coal! }, {}).items).toHaveLength(6);
    expect(() => queries.history({ from: 'yesterday' }, {})).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('export the history as JSON Lines and as formula-safe CSV', () => {
    const lines = [...historyJsonLines(queries.historyAll({ annotationId: claims.dropped! }))];
    expect(
      lines.map((line) => (JSON.parse(line) as { type: string; reason: string | null }).type),
    ).toEqual(['ClaimCaptured', 'ClaimWithdrawn']);
    const csv = [...historyCsv(queries.historyAll({ annotationId: claims.dropped! }))].join('');
    expect(csv.split('\r\n')[0]).toBe(
      'position,recordedAt,streamId,revision,type,actor,reason,correlationId,causationId,data',
    );
    expect(csv).toContain(',ClaimWithdrawn,editor-li,重複,');
  });
});
