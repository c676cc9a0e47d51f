import { join } from 'node:path';
import { articleDecider, decideArticle, streams, SYSTEM_ACTOR } from '@marginalia/domain';
import {
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../../../../test/support/editorial-app';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { AggregateStore, type CommandResult } from '../shared/aggregate-store';
import { ImportArticleCommand } from '../articles/import-article/import-article.command';
import { ReviseArticleCommand } from '../articles/revise-article/revise-article.command';
import { CaptureClaimCommand } from '../claims/capture-claim/capture-claim.command';
import { ApproveCorrectionCommand } from '../corrections/approve-correction/approve-correction.command';
import { ProposeCorrectionCommand } from '../corrections/propose-correction/propose-correction.command';
import { AnnotationFollower } from './annotation-follower';
import { CorrectionPublisher } from './correction-publisher';
import { ProcessState } from './process-state';
import { type FollowingAlone, followAlone } from './testing/follow-alone';

const { editor, factChecker, standardsEditor } = newsroom;
const TEXT = '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。\n\n陽泉的天更藍了。';

describe('the correction publisher, alone on the log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let publisher: FollowingAlone | undefined;

  beforeEach(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { processManagers: false });
  });

  afterEach(async () => {
    await publisher?.stop();
    publisher = undefined;
    await desk.close();
    dir.remove();
  });

  const publishAlone = (stateFile?: string) =>
    followAlone(desk, dir.path, () => [new CorrectionPublisher(desk.commands)], stateFile);

  async function importArticle(): Promise<string> {
    const result: CommandResult<{ articleId: string }> = await desk.commands.execute(
      new ImportArticleCommand(
        {
          title: '统计局发布数据',
          language: 'zh-Hans',
          format: 'text',
          content: TEXT,
          source: { url: 'https://example.org/news/2', publisher: '山西日报', publishedAt: null },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    return result.state.articleId;
  }

  async function propose(articleId: string): Promise<string> {
    const proposed: CommandResult<{ correctionId: string }> = await desk.commands.execute(
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
    return proposed.state.correctionId;
  }

  async function captureClaim(articleId: string): Promise<string> {
    const captured: CommandResult<{ claimId: string }> = await desk.commands.execute(
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
    return captured.state.claimId;
  }

  it('publishes an approved correction as the system, caused by its approval', async () => {
    const articleId = await importArticle();
    const claimId = await captureClaim(articleId);
    const correctionId = await propose(articleId);
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    publisher = publishAlone();
    await publisher.settle();

    const correction = await desk.events(streams.correction(correctionId));
    expect(correction.map((e) => e.type)).toEqual([
      'CorrectionProposed',
      'CorrectionApproved',
      'CorrectionPublished',
    ]);
    expect(correction[2]).toMatchObject({
      data: { revision: 2, anchor: { revision: 2, exact: '13.79亿吨' } },
      metadata: { actor: { sub: 'system' }, causationId: correction[1]!.eventId },
    });
    const article = await desk.events(streams.article(articleId));
    expect(article.map((e) => e.type)).toEqual(['ArticleImported', 'ArticleRevised']);
    // Moving the claim to the new revision is the annotation follower's work, not its own.
    const claim = await desk.events(streams.claim(claimId));
    expect(claim.map((e) => e.type)).toEqual(['ClaimCaptured']);
    expect(publisher.follower.status().failures).toBe(0);
  });

  it('leaves proposals and revisions alone, and appends nothing when it reads the log again', async () => {
    const articleId = await importArticle();
    const pending = await propose(articleId);
    const approved = await propose(articleId);
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId: approved }, requestBy(standardsEditor)),
    );
    await desk.commands.execute(
      new ReviseArticleCommand(
        { articleId, content: `【快讯】${TEXT}`, format: null, reason: '来源更新了导语' },
        requestBy(editor),
      ),
    );
    publisher = publishAlone();
    await publisher.settle();
    const head = await desk.store.headPosition();
    expect((await desk.events(streams.correction(pending))).map((e) => e.type)).toEqual([
      'CorrectionProposed',
    ]);
    expect((await desk.events(streams.correction(approved))).at(-1)!.type).toBe(
      'CorrectionPublished',
    );

    // A fresh state file: it reads every event again from the start.
    await publisher.stop();
    publisher = publishAlone('again.db');
    await publisher.settle();
    expect(await desk.store.headPosition()).toBe(head);
  });

  it('publishes an approved correction once its passage, edited away, comes back', async () => {
    const articleId = await importArticle();
    const correctionId = await propose(articleId);
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    const revise = (content: string) =>
      desk.commands.execute(
        new ReviseArticleCommand(
          { articleId, content, format: null, reason: '来源更新' },
          requestBy(editor),
        ),
      );
    await revise(TEXT.replace('13.78亿吨', '若干'));
    // With the follower beside it: it is what finds the passage again.
    publisher = followAlone(desk, dir.path, (state) => [
      new CorrectionPublisher(desk.commands),
      new AnnotationFollower(state, desk.commands),
    ]);
    await publisher.settle();
    await revise(TEXT);
    await publisher.settle();

    const correction = await desk.events(streams.correction(correctionId));
    expect(correction.map((e) => e.type)).toEqual([
      'CorrectionProposed',
      'CorrectionApproved',
      'AnnotationOrphaned',
      'AnnotationReanchored',
      'CorrectionPublished',
    ]);
    expect(correction[4]!.data).toMatchObject({ revision: 4, anchor: { exact: '13.79亿吨' } });
  });

  it('completes a publication from the revision it made, when its approval was passed by', async () => {
    const articleId = await importArticle();
    const correctionId = await propose(articleId);
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    const [proposed, approved] = await desk.events(streams.correction(correctionId));
    // The revision was made, then the publication failed until the checkpoint moved on.
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
              anchor: proposed!.data.anchor as never,
              replacement: '13.79亿吨',
              notice: '更正：产量应为13.79亿吨。',
            },
            actor: SYSTEM_ACTOR,
          },
          state,
        ),
      { actor: SYSTEM_ACTOR, correlationId: approved!.eventId, causationId: approved!.eventId },
    );
    const passedBy = new ProcessState(join(dir.path, 'alone.db'));
    passedBy.saveCheckpoint('alone', approved!.position);
    passedBy.close();

    publisher = publishAlone();
    await publisher.settle();
    const revised = (await desk.events(streams.article(articleId)))[1]!;
    expect((await desk.events(streams.correction(correctionId)))[2]).toMatchObject({
      type: 'CorrectionPublished',
      data: { revision: 2, anchor: { revision: 2, exact: '13.79亿吨' } },
      metadata: { causationId: revised.eventId },
    });
  });
});
