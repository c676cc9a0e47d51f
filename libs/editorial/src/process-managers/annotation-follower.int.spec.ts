import { streams } from '@marginalia/domain';
import {
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../../../../test/support/editorial-app';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { type CommandResult } from '../shared/aggregate-store';
import { ImportArticleCommand } from '../articles/import-article/import-article.command';
import { ReviseArticleCommand } from '../articles/revise-article/revise-article.command';
import { CaptureClaimCommand } from '../claims/capture-claim/capture-claim.command';
import { ApproveCorrectionCommand } from '../corrections/approve-correction/approve-correction.command';
import { ProposeCorrectionCommand } from '../corrections/propose-correction/propose-correction.command';
import { AnnotationFollower } from './annotation-follower';
import { type FollowingAlone, followAlone } from './testing/follow-alone';

const { editor, factChecker, standardsEditor } = newsroom;
const TEXT = '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。\n\n陽泉的天更藍了。';

describe('the annotation follower, alone on the log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let follower: FollowingAlone | undefined;

  beforeEach(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { processManagers: false });
  });

  afterEach(async () => {
    await follower?.stop();
    follower = undefined;
    await desk.close();
    dir.remove();
  });

  const followAnnotations = () =>
    followAlone(desk, dir.path, (state) => [new AnnotationFollower(state, desk.commands)]);

  async function importArticle(): Promise<string> {
    const result: CommandResult<{ articleId: string }> = await desk.commands.execute(
      new ImportArticleCommand(
        {
          title: '统计局发布数据',
          language: 'zh-Hans',
          format: 'text',
          content: TEXT,
          source: { url: 'https://example.org/news/3', publisher: '山西日报', publishedAt: null },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    return result.state.articleId;
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

  const revise = (articleId: string, content: string) =>
    desk.commands.execute(
      new ReviseArticleCommand(
        { articleId, content, format: null, reason: '来源更新了导语' },
        requestBy(editor),
      ),
    );

  it('moves every open claim and correction of an article to its new revision, caused by it', async () => {
    const articleId = await importArticle();
    const claimId = await captureClaim(articleId);
    const correctionId = await propose(articleId);
    await revise(articleId, `【快讯】${TEXT}`);
    follower = followAnnotations();
    await follower.settle();

    const revised = (await desk.events(streams.article(articleId)))[1]!;
    for (const stream of [streams.claim(claimId), streams.correction(correctionId)]) {
      const events = await desk.events(stream);
      expect(events.map((e) => e.type).slice(-1)).toEqual(['AnnotationReanchored']);
      expect(events.at(-1)).toMatchObject({
        data: { method: 'shifted', anchor: { revision: 2 } },
        metadata: { actor: { sub: 'system' }, causationId: revised.eventId },
      });
    }
    expect(follower.follower.status().failures).toBe(0);
  });

  it('leaves an approval to the correction publisher', async () => {
    const articleId = await importArticle();
    const correctionId = await propose(articleId);
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    const head = await desk.store.headPosition();
    follower = followAnnotations();
    await follower.settle();
    expect(await desk.store.headPosition()).toBe(head);
  });

  it('remembers which annotations an article has across restarts, from its state file', async () => {
    const articleId = await importArticle();
    const claimId = await captureClaim(articleId);
    follower = followAnnotations();
    await follower.settle();
    await follower.stop();

    // The capture is behind the checkpoint now: only the state file says the article has it.
    await revise(articleId, `【快讯】${TEXT}`);
    follower = followAnnotations();
    await follower.settle();
    const claim = await desk.events(streams.claim(claimId));
    expect(claim.map((e) => e.type)).toEqual(['ClaimCaptured', 'AnnotationReanchored']);
  });
});
