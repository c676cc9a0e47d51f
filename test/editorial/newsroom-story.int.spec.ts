import { type Claim, type Correction, streams } from '@marginalia/domain';
import {
  ApproveCorrectionCommand,
  ApproveVerdictCommand,
  AssignClaimCommand,
  CaptureClaimCommand,
  type CommandResult,
  DraftVerdictCommand,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
  ProposeCorrectionCommand,
  SubmitVerdictCommand,
} from '@marginalia/editorial';
import { type StoredEvent, verifyHashChains } from '@marginalia/event-store';
import {
  corpusDirectory,
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor, otherStandardsEditor } = newsroom;

describe('a newsroom story, end to end through the command bus on a real SQLite store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let newsdesk: EditorialApp;
  let corpus: ImportedCorpusArticle[];
  const article = (file: string) => corpus.find((a) => a.file.startsWith(file))!.articleId;
  const summary = (events: StoredEvent[]) =>
    events.map((e) => [e.type, (e.metadata.actor as { sub: string }).sub]);

  beforeEach(async () => {
    dir = makeTempDir();
    newsdesk = await startEditorial(dir.path);
    corpus = await newsdesk.commands.execute(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(editor)),
    );
  });

  afterEach(async () => {
    await newsdesk.close();
    dir.remove();
  });

  it('imports the five corpus articles once', async () => {
    expect(corpus.map((a) => a.outcome)).toEqual(Array(5).fill('imported'));
    const again = await newsdesk.commands.execute<ImportCorpusCommand, ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(editor)),
    );
    expect(again.map((a) => a.outcome)).toEqual(Array(5).fill('already_imported'));
    expect(await newsdesk.store.headPosition()).toBe(5);
  });

  it('takes a claim from capture to a published verdict, refusing a self-approval', async () => {
    const capture = requestBy(factChecker);
    const captured: CommandResult<Claim> = await newsdesk.commands.execute(
      new CaptureClaimCommand(
        {
          articleId: article('000'),
          selector: { exact: '去年煤炭产量达到13.78亿吨' },
          statement: '山西2023年煤炭产量达到13.78亿吨',
          claimant: '金湘军',
          topics: ['能源', '煤炭'],
        },
        capture,
      ),
    );
    const claimId = captured.state.claimId;
    // SPEC §3's own example: this quote is at [1774, 1789) of corpus file 000.
    expect(captured.state.anchor).toEqual({
      revision: 1,
      start: 1774,
      end: 1789,
      exact: '去年煤炭产量达到13.78亿吨',
      prefix: '。统筹发展和安全,大力推进煤炭、电力和非常规天然气安全稳定供应。',
      suffix: ',发电量4376亿千瓦时,非常规天然气产量145.9亿立方米,助',
      state: 'anchored',
    });

    await newsdesk.commands.execute(
      new AssignClaimCommand({ claimId, assignee: otherStandardsEditor.sub }, requestBy(editor)),
    );
    await newsdesk.commands.execute(
      new DraftVerdictCommand(
        {
          claimId,
          rating: 'true',
          summary: '山西省统计局公报：2023年全省原煤产量13.78亿吨，与发言一致。',
          rationale: '核对了统计公报中的原煤产量数据。',
          sources: [
            {
              url: 'https://tjj.shanxi.gov.cn/tjsj/tjgb/',
              title: '山西省2023年国民经济和社会发展统计公报',
              accessedAt: '2024-03-08',
            },
          ],
        },
        requestBy(otherStandardsEditor),
      ),
    );
    await newsdesk.commands.execute(
      new SubmitVerdictCommand({ claimId }, requestBy(otherStandardsEditor)),
    );

    const before = await newsdesk.store.headPosition();
    await expect(
      newsdesk.commands.execute(
        new ApproveVerdictCommand({ claimId }, requestBy(otherStandardsEditor)),
      ),
    ).rejects.toMatchObject({ code: 'self_approval_forbidden' });
    expect(await newsdesk.store.headPosition()).toBe(before);

    const approval = requestBy(standardsEditor);
    const approved: CommandResult<Claim> = await newsdesk.commands.execute(
      new ApproveVerdictCommand({ claimId }, approval),
    );
    expect(approved.state.published).toMatchObject({ version: 1, rating: 'true' });

    const events = await newsdesk.events(streams.claim(claimId));
    expect(summary(events)).toEqual([
      ['ClaimCaptured', factChecker.sub],
      ['ClaimAssigned', editor.sub],
      ['VerdictDrafted', otherStandardsEditor.sub],
      ['VerdictSubmitted', otherStandardsEditor.sub],
      ['VerdictApproved', standardsEditor.sub],
      ['VerdictPublished', standardsEditor.sub],
    ]);
    expect(events[0]!.metadata).toMatchObject({
      correlationId: capture.correlationId,
      causationId: capture.causationId,
      occurredAt: expect.stringMatching(/^2024-03-08T/),
    });
    expect(events[5]!.metadata.causationId).toBe(approval.causationId);
  });

  it('corrects a repeated pinyin artefact by its context and moves the earlier claim with the text', async () => {
    const articleId = article('002');
    const claim: CommandResult<Claim> = await newsdesk.commands.execute(
      new CaptureClaimCommand(
        {
          articleId,
          selector: { exact: '陽泉的天更藍(lán)了、水更清了、地更綠了' },
          statement: null,
          claimant: '劉文華',
          topics: ['生態'],
        },
        requestBy(factChecker),
      ),
    );
    const claimAnchor = claim.state.anchor;

    const head = await newsdesk.store.headPosition();
    await expect(
      newsdesk.commands.execute(
        new ProposeCorrectionCommand(
          {
            articleId,
            selector: { exact: '推動(dòng)' },
            kind: 'correction',
            replacement: '推動',
            notice: '…',
            claimId: null,
          },
          requestBy(editor),
        ),
      ),
    ).rejects.toMatchObject({ code: 'quote_ambiguous' });
    expect(await newsdesk.store.headPosition()).toBe(head);

    const notice = '更正：本文“推動(dòng)”一處係轉換錯誤，應為“推動”。';
    const proposed: CommandResult<Correction> = await newsdesk.commands.execute(
      new ProposeCorrectionCommand(
        {
          articleId,
          selector: { exact: '推動(dòng)', prefix: '積極', suffix: '煤電機' },
          kind: 'correction',
          replacement: '推動',
          notice,
          claimId: null,
        },
        requestBy(editor),
      ),
    );
    const correctionId = proposed.state.correctionId;
    expect(proposed.state.anchor).toMatchObject({ revision: 1, start: 1739 + 2, end: 1739 + 10 });

    const approval = requestBy(standardsEditor);
    await newsdesk.commands.execute(new ApproveCorrectionCommand({ correctionId }, approval));
    await newsdesk.settle();

    const articleEvents = await newsdesk.events(streams.article(articleId));
    expect(summary(articleEvents)).toEqual([
      ['ArticleImported', 'corpus-import'],
      ['ArticleRevised', 'system'],
    ]);
    const revised = articleEvents[1]!;
    const text = revised.data.text as string;
    expect(revised.data).toMatchObject({
      revision: 2,
      cause: { kind: 'correction', correctionId },
      correction: { correctionId, replacement: '推動', notice },
    });
    expect(text).toContain('積極推動煤電機');
    expect(text.split('推動(dòng)')).toHaveLength(5);
    const approvedEvent = (await newsdesk.events(streams.correction(correctionId)))[1]!;
    expect(revised.metadata).toMatchObject({
      causationId: approvedEvent.eventId,
      correlationId: approval.correlationId,
    });

    const correctionEvents = await newsdesk.events(streams.correction(correctionId));
    expect(summary(correctionEvents)).toEqual([
      ['CorrectionProposed', editor.sub],
      ['CorrectionApproved', standardsEditor.sub],
      ['CorrectionPublished', 'system'],
    ]);
    expect(correctionEvents[2]!.data).toMatchObject({
      revision: 2,
      notice,
      anchor: {
        revision: 2,
        start: 1741,
        end: 1743,
        exact: '推動',
        prefix: expect.stringMatching(/積極$/),
      },
    });

    const claimEvents = await newsdesk.events(streams.claim(claim.state.claimId));
    expect(summary(claimEvents)).toEqual([
      ['ClaimCaptured', factChecker.sub],
      ['AnnotationReanchored', 'system'],
    ]);
    expect(claimEvents[1]!.data).toEqual({
      annotationId: claim.state.claimId,
      fromRevision: 1,
      method: 'shifted',
      score: 1,
      anchor: {
        ...claimAnchor,
        revision: 2,
        start: claimAnchor.start - 6,
        end: claimAnchor.end - 6,
        state: 'anchored',
      },
    });
    expect(claimEvents[1]!.metadata).toMatchObject({
      causationId: revised.eventId,
      correlationId: approval.correlationId,
    });
    expect((await verifyHashChains(newsdesk.store)).ok).toBe(true);
  });
});
