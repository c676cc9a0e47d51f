import {
  articleDecider,
  correctionDecider,
  decideArticle,
  streams,
  SYSTEM_ACTOR,
} from '@marginalia/domain';
import {
  type EditorialApp,
  newsroom,
  requestBy,
  startEditorial,
} from '../../../../../test/support/editorial-app';
import { makeTempDir } from '../../../../../test/support/temp-dir';
import { ImportArticleCommand } from '../../articles/import-article/import-article.command';
import { CaptureClaimCommand } from '../../claims/capture-claim/capture-claim.command';
import { ApproveCorrectionCommand } from '../../corrections/approve-correction/approve-correction.command';
import { ProposeCorrectionCommand } from '../../corrections/propose-correction/propose-correction.command';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { causedBy } from '../../shared/system-context';
import { FollowRevisionCommand } from './follow-revision.command';

const { editor, factChecker, standardsEditor } = newsroom;
const TEXT = '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。\n\n陽泉的天更藍了。';

describe('following one annotation to a revision, as the system', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;

  beforeEach(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { processManagers: false });
  });

  afterEach(async () => {
    await desk.close();
    dir.remove();
  });

  async function execute<T>(command: object): Promise<T> {
    return (await desk.commands.execute<object, CommandResult<T>>(command)).state;
  }

  it('leaves a correction its own revision placed to its publication, and follows a claim', async () => {
    const { articleId } = await execute<{ articleId: string }>(
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
    const { claimId } = await execute<{ claimId: string }>(
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
    const { correctionId } = await execute<{ correctionId: string }>(
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
    await desk.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, requestBy(standardsEditor)),
    );
    // The publisher's first append, as if it stopped before recording the publication.
    const aggregates = desk.app.get(AggregateStore);
    const { state: correction } = await aggregates.load(
      correctionDecider,
      streams.correction(correctionId),
    );
    await aggregates.execute(
      articleDecider,
      streams.article(articleId),
      (article) =>
        decideArticle(
          {
            type: 'ApplyCorrection',
            articleId,
            correction: { ...correction!, anchor: correction!.anchor!, replacement: '13.79亿吨' },
            actor: SYSTEM_ACTOR,
          },
          article,
        ),
      requestBy(SYSTEM_ACTOR),
    );
    const applied = (await desk.events(streams.article(articleId))).at(-1)!;
    const follow = (annotationStream: string) =>
      desk.commands.execute(
        new FollowRevisionCommand({ annotationStream, toRevision: 'current' }, causedBy(applied)),
      );

    await follow(streams.correction(correctionId));
    await follow(streams.claim(claimId));

    const corrections = await desk.events(streams.correction(correctionId));
    expect(corrections.map((e) => e.type)).toEqual(['CorrectionProposed', 'CorrectionApproved']);
    const claim = await desk.events(streams.claim(claimId));
    expect(claim.at(-1)).toMatchObject({
      type: 'AnnotationReanchored',
      data: { anchor: { revision: 2 } },
    });
  });
});
