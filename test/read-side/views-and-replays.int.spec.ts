import Database from 'better-sqlite3';
import { join } from 'node:path';
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
  ReviseArticleCommand,
  SubmitVerdictCommand,
  WithdrawClaimCommand,
} from '@marginalia/editorial';
import type { AnnotatedView } from '@marginalia/projections';
import {
  catchUp,
  compareReadModels,
  Integrity,
  READ_MODEL_DATABASE,
  ReadModelDatabase,
  ReadModelQueries,
  Replay,
} from '@marginalia/read-models';
import {
  corpusDirectory,
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor, otherStandardsEditor } = newsroom;

describe('the read side along a scripted newsroom story', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let articleId: string;
  const saved: Array<{ step: string; view: AnnotatedView; instant: Date }> = [];

  beforeAll(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { readModels: true });
    const queries = desk.app.get(ReadModelQueries);
    const step = async (name: string, run: () => Promise<unknown>) => {
      await run();
      await desk.settle();
      saved.push({ step: name, view: queries.view(articleId)!, instant: new Date() });
      await new Promise((resolve) => setTimeout(resolve, 3));
    };
    const send = <T>(command: object) => desk.commands.execute<object, T>(command);

    const corpus = await send<ImportedCorpusArticle[]>(
      new ImportCorpusCommand({ directory: corpusDirectory }, requestBy(editor)),
    );
    articleId = corpus.find((a) => a.file.startsWith('002'))!.articleId;
    await desk.settle();
    saved.push({ step: 'imported', view: queries.view(articleId)!, instant: new Date() });

    let environment = '';
    let overlapping = '';
    await step('two claims captured, one inside the other', async () => {
      const capture = (exact: string) =>
        send<CommandResult<Claim>>(
          new CaptureClaimCommand(
            { articleId, selector: { exact }, statement: null, claimant: '劉文華', topics: [] },
            requestBy(factChecker),
          ),
        );
      environment = (await capture('陽泉的天更藍(lán)了、水更清了、地更綠了')).state.claimId;
      overlapping = (await capture('水更清了')).state.claimId;
    });
    await step('assigned', () =>
      send(
        new AssignClaimCommand(
          { claimId: environment, assignee: otherStandardsEditor.sub },
          requestBy(editor),
        ),
      ),
    );
    await step('verdict drafted and submitted', async () => {
      await send(
        new DraftVerdictCommand(
          {
            claimId: environment,
            rating: 'mostly_true',
            summary: '空氣質量數據顯示改善，但水質指標未公布。',
            rationale: null,
            sources: [
              {
                url: 'https://example.org/yangquan/air',
                title: '陽泉市環境質量公報',
                accessedAt: '2024-12-04',
              },
            ],
          },
          requestBy(otherStandardsEditor),
        ),
      );
      await send(
        new SubmitVerdictCommand({ claimId: environment }, requestBy(otherStandardsEditor)),
      );
    });
    await step('verdict published', () =>
      send(new ApproveVerdictCommand({ claimId: environment }, requestBy(standardsEditor))),
    );
    await step('correction approved and published as revision 2', async () => {
      const proposed = await send<CommandResult<Correction>>(
        new ProposeCorrectionCommand(
          {
            articleId,
            selector: { exact: '推動(dòng)', prefix: '積極', suffix: '煤電機' },
            kind: 'correction',
            replacement: '推動',
            notice: '更正：「推動(dòng)」係轉換錯誤。',
            claimId: null,
          },
          requestBy(editor),
        ),
      );
      await send(
        new ApproveCorrectionCommand(
          { correctionId: proposed.state.correctionId },
          requestBy(standardsEditor),
        ),
      );
    });
    await step('one claim withdrawn', () =>
      send(
        new WithdrawClaimCommand(
          { claimId: overlapping, reason: '與另一條重複' },
          requestBy(editor),
        ),
      ),
    );
    await step('a re-import drops the sentence of the published claim', async () => {
      const current = queries.view(articleId)!.text;
      const sentence = current.indexOf('陽泉的天更藍');
      await send(
        new ReviseArticleCommand(
          {
            articleId,
            content:
              current.slice(0, sentence) + current.slice(current.indexOf('。', sentence) + 1),
            format: null,
            reason: '來源刪去了一句',
          },
          requestBy(editor),
        ),
      );
    });
  }, 60_000);

  afterAll(async () => {
    await desk.close();
    dir.remove();
  });

  it('shows what happened at each step', () => {
    const last = saved[saved.length - 1]!.view;
    expect(saved.map((s) => [s.step, s.view.revision, s.view.annotations.length])).toEqual([
      ['imported', 1, 0],
      ['two claims captured, one inside the other', 1, 2],
      ['assigned', 1, 2],
      ['verdict drafted and submitted', 1, 2],
      ['verdict published', 1, 2],
      ['correction approved and published as revision 2', 2, 3],
      ['one claim withdrawn', 2, 2],
      ['a re-import drops the sentence of the published claim', 3, 2],
    ]);
    const published = saved[4]!.view;
    const claim = published.annotations.find((a) => a.type === 'claim')!;
    expect(claim).toMatchObject({ status: 'published', rating: 'mostly_true' });
    const overlap = published.segments.filter((s) => s.annotationIds.length === 2);
    expect(overlap).toHaveLength(1);
    expect(saved[5]!.view.notices).toEqual([
      expect.objectContaining({
        kind: 'correction',
        revision: 2,
        notice: '更正：「推動(dòng)」係轉換錯誤。',
      }),
    ]);
    const orphan = last.annotations.find((a) => a.type === 'claim')!;
    expect(orphan.anchor).toMatchObject({ state: 'orphaned', revision: 2 });
    expect(last.segments.flatMap((s) => s.annotationIds)).not.toContain(orphan.id);
  });

  it('replays every saved view exactly, at its position and at its instant', async () => {
    const replay = desk.app.get(Replay);
    for (const { step, view, instant } of saved) {
      expect({ step, view: await replay.viewAsOf(articleId, { position: view.position }) }).toEqual(
        { step, view },
      );
      expect({ step, view: await replay.viewAsOf(articleId, { instant }) }).toEqual({ step, view });
    }
    expect(
      await replay.viewAsOf(articleId, { instant: new Date('2000-01-01T00:00:00Z') }),
    ).toBeUndefined();
  });

  it('gives read models identical to a rebuild from the log', async () => {
    const live = desk.app.get<ReadModelDatabase>(READ_MODEL_DATABASE);
    const fresh = new ReadModelDatabase(join(dir.path, 'fresh.db'));
    await catchUp(desk.store, fresh);
    expect(fresh.checkpoint()).toBe(live.checkpoint());
    expect(compareReadModels(live.db, fresh.db)).toEqual([]);
    fresh.close();
    const report = await desk.app.get(Integrity).check();
    expect(report).toMatchObject({
      ok: true,
      chains: { ok: true, broken: [] },
      readModels: { ok: true, differences: [] },
    });
    expect(report.events).toBe(await desk.store.headPosition());
  });

  it('compares what the view shows of each annotation, kept beside its row, too', async () => {
    const claimId = saved[1]!.view.annotations.find((a) => a.type === 'claim')!.id;
    const fresh = new ReadModelDatabase(join(dir.path, 'fresh-views.db'));
    const edited = new ReadModelDatabase(join(dir.path, 'edited-views.db'));
    try {
      await catchUp(desk.store, fresh);
      await catchUp(desk.store, edited);
      edited.db
        .prepare(`UPDATE claims SET view = json_set(view, '$.statement', '改') WHERE id = ?`)
        .run(claimId);
      expect(compareReadModels(edited.db, fresh.db)).toEqual([
        {
          model: 'claims',
          key: claimId,
          detail: expect.stringMatching(/^its view differs in statement: "改" in the read model/),
        },
      ]);
    } finally {
      fresh.close();
      edited.close();
    }
  });

  it('names the stream and revision of an event edited in the SQLite file', async () => {
    const claimId = saved[1]!.view.annotations.find((a) => a.type === 'claim')!.id;
    const intruder = new Database(join(dir.path, 'events.db'));
    intruder
      .prepare(
        `UPDATE events SET data = json_set(data, '$.rating', 'true') WHERE stream_id = ? AND type = 'VerdictPublished'`,
      )
      .run(streams.claim(claimId));
    const { revision } = intruder
      .prepare(`SELECT revision FROM events WHERE stream_id = ? AND type = 'VerdictPublished'`)
      .get(streams.claim(claimId)) as { revision: number };
    intruder.close();

    const report = await desk.app.get(Integrity).check();
    expect(report.ok).toBe(false);
    expect(report.chains.broken).toEqual([
      expect.objectContaining({
        streamId: streams.claim(claimId),
        revision,
        reason: 'hash_mismatch',
      }),
    ]);
    expect(report.readModels.differences).toContainEqual(
      expect.objectContaining({ model: 'claims', key: claimId }),
    );
  });
});
