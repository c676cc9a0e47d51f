import { type Actor, type Claim, type Correction } from '@marginalia/domain';
import {
  ApproveCorrectionCommand,
  ApproveVerdictCommand,
  AssignClaimCommand,
  CaptureClaimCommand,
  type CaptureClaimInput,
  type CommandResult,
  DraftVerdictCommand,
  type CommandMessage,
  ImportArticleCommand,
  ProposeCorrectionCommand,
  ReviseArticleCommand,
  SubmitVerdictCommand,
  WithdrawClaimCommand,
  WithdrawCorrectionCommand,
} from '@marginalia/editorial';
import { type EditorialApp, newsroom, requestBy, startEditorial } from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor, otherStandardsEditor, auditor } = newsroom;

// q + combining acute has no precomposed form, so it stays two code points under NFC; the
// emoji is woman + skin tone + ZWJ + laptop: one grapheme cluster of four code points.
const TEXT = '𠀾先生说：“q\u0301 👩🏽‍💻 陽泉的天更藍了。”\n\n陽泉的天更藍了，再說一遍。';
const SOURCE = {
  url: 'https://example.org/sources/1',
  title: '陽泉市生態環境局公報',
  accessedAt: '2024-03-08',
};

describe('refusals through the command bus append nothing', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let articleId: string;

  beforeAll(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path);
    const imported: CommandResult<{ articleId: string }> = await desk.commands.execute(
      new ImportArticleCommand(
        {
          title: '𠀾先生谈陽泉',
          language: 'zh-Hant',
          format: 'text',
          content: TEXT,
          source: { url: 'https://example.org/news/2', publisher: null, publishedAt: null },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    articleId = imported.state.articleId;
  });

  afterAll(async () => {
    await desk.close();
    dir.remove();
  });

  async function refused<T>(command: CommandMessage<T>, code: string): Promise<void> {
    await desk.settle();
    const head = await desk.store.headPosition();
    await expect(desk.commands.execute(command)).rejects.toMatchObject({ code });
    await desk.settle();
    expect(await desk.store.headPosition()).toBe(head);
  }

  const capture = (input: Partial<CaptureClaimInput>, actor: Actor = factChecker) =>
    new CaptureClaimCommand(
      { articleId, selector: {}, statement: null, claimant: null, topics: [], ...input },
      requestBy(actor),
    );

  async function claimWith(...steps: Array<(claimId: string) => CommandMessage<unknown>>) {
    const captured: CommandResult<Claim> = await desk.commands.execute(
      capture({ selector: { exact: '再說一遍' } }),
    );
    for (const step of steps) await desk.commands.execute(step(captured.state.claimId));
    return captured.state.claimId;
  }

  const draft = (sources: (typeof SOURCE)[]) => (claimId: string) =>
    new DraftVerdictCommand(
      { claimId, rating: 'mostly_true', summary: '基本屬實。', rationale: null, sources },
      requestBy(otherStandardsEditor),
    );
  const submit = (claimId: string) =>
    new SubmitVerdictCommand({ claimId }, requestBy(otherStandardsEditor));
  const approve = (claimId: string) =>
    new ApproveVerdictCommand({ claimId }, requestBy(standardsEditor));

  describe('spans and anchors (SPEC §3)', () => {
    it.each([
      ['a quote that is not in the text', { exact: '不存在的句子' }, 'quote_not_found'],
      ['a repeated quote without context', { exact: '陽泉的天更藍了' }, 'quote_ambiguous'],
      ['a position and a quote that disagree', { start: 0, end: 1, exact: '先' }, 'quote_mismatch'],
      ['an empty span', { start: 3, end: 3 }, 'empty_span'],
      ['a span beyond the text', { start: 0, end: 10_000 }, 'span_out_of_range'],
      ['a span inside q + combining accent', { start: 6, end: 7 }, 'span_splits_grapheme'],
      ['a span inside an emoji ZWJ sequence', { start: 9, end: 11 }, 'span_splits_grapheme'],
      ['a quote with a lone surrogate', { exact: 'a\ud800b' }, 'invalid_unicode'],
      ['a quote not in NFC', { exact: 'e\u0301' }, 'invalid_unicode'],
    ])('refuses %s', async (_name, selector, code) => {
      await refused(capture({ selector }), code);
    });

    it('refuses an unknown revision, after Unicode and before the span checks (SPEC §8)', async () => {
      await refused(capture({ revision: 9, selector: { start: 3, end: 3 } }), 'revision_not_found');
      await refused(capture({ revision: 9, selector: { exact: '\udc00' } }), 'invalid_unicode');
    });

    it('anchors a CJK Extension B character and an emoji sequence by code points', async () => {
      const result: CommandResult<Claim> = await desk.commands.execute(
        capture({ selector: { start: 0, end: 3 } }),
      );
      expect(result.state.anchor).toMatchObject({ start: 0, end: 3, exact: '𠀾先生' });
      const emoji: CommandResult<Claim> = await desk.commands.execute(
        capture({ selector: { exact: '👩🏽‍💻' } }),
      );
      expect(emoji.state.anchor).toMatchObject({ start: 9, end: 13 });
    });
  });

  describe('workflows (SPEC §5)', () => {
    it('refuses to submit a verdict without a source', async () => {
      const claimId = await claimWith(draft([]));
      await refused(submit(claimId), 'verdict_needs_source');
    });

    it('refuses anyone who drafted the verdict its approval', async () => {
      const claimId = await claimWith(draft([SOURCE]), submit);
      await refused(
        new ApproveVerdictCommand({ claimId }, requestBy(otherStandardsEditor)),
        'self_approval_forbidden',
      );
    });

    it('refuses steps the claim workflow does not allow', async () => {
      const withdrawn = await claimWith(
        (claimId) => new WithdrawClaimCommand({ claimId, reason: '重複' }, requestBy(editor)),
      );
      await refused(draft([SOURCE])(withdrawn), 'invalid_transition');
      const published = await claimWith(draft([SOURCE]), submit, approve);
      await refused(
        new WithdrawClaimCommand({ claimId: published, reason: '撤回' }, requestBy(editor)),
        'invalid_transition',
      );
      const drafted = await claimWith(draft([SOURCE]));
      await refused(approve(drafted), 'invalid_transition');
    });

    it('refuses roles that may not act, and a fact-checker assigning someone else', async () => {
      await refused(capture({ selector: { exact: '再說一遍' } }, auditor), 'forbidden');
      const claimId = await claimWith();
      await refused(
        new AssignClaimCommand({ claimId, assignee: 'checker-liu' }, requestBy(factChecker)),
        'forbidden',
      );
      await refused(
        new DraftVerdictCommand(
          { claimId, rating: 'true', summary: '屬實。', rationale: null, sources: [SOURCE] },
          requestBy(editor),
        ),
        'forbidden',
      );
    });

    it('refuses corrections that are withdrawn, self-approved or orphaned', async () => {
      const propose = (actor: Actor, exact: string) =>
        desk.commands.execute<ProposeCorrectionCommand, CommandResult<Correction>>(
          new ProposeCorrectionCommand(
            {
              articleId,
              selector: { exact },
              kind: 'clarification',
              replacement: null,
              notice: '說明。',
              claimId: null,
            },
            requestBy(actor),
          ),
        );
      const withdrawn = (await propose(editor, '再說一遍')).state.correctionId;
      await desk.commands.execute(
        new WithdrawCorrectionCommand(
          { correctionId: withdrawn, reason: '不需要' },
          requestBy(editor),
        ),
      );
      await refused(
        new ApproveCorrectionCommand({ correctionId: withdrawn }, requestBy(standardsEditor)),
        'invalid_transition',
      );

      const own = (await propose(standardsEditor, '再說一遍')).state.correctionId;
      await refused(
        new ApproveCorrectionCommand({ correctionId: own }, requestBy(standardsEditor)),
        'self_approval_forbidden',
      );

      const lost = (await propose(editor, '𠀾先生说')).state.correctionId;
      await desk.commands.execute(
        new ReviseArticleCommand(
          {
            articleId,
            content: TEXT.replace('𠀾先生说：', ''),
            format: null,
            reason: '來源刪去了引語人',
          },
          requestBy(editor),
        ),
      );
      await refused(
        new ApproveCorrectionCommand({ correctionId: lost }, requestBy(standardsEditor)),
        'correction_orphaned',
      );
    });

    it('refuses a re-import identical to the current text, and a second import of a source', async () => {
      await desk.settle();
      const current = TEXT.replace('𠀾先生说：', '');
      await refused(
        new ReviseArticleCommand(
          { articleId, content: current.replace(/\n/g, '\r\n'), format: null, reason: '重新匯入' },
          requestBy(editor),
        ),
        'revision_unchanged',
      );
      await refused(
        new ImportArticleCommand(
          {
            title: '重複',
            language: 'zh-Hant',
            format: 'text',
            content: '另一份稿件',
            source: { url: 'https://example.org/news/2', publisher: null, publishedAt: null },
            externalId: null,
          },
          requestBy(editor),
        ),
        'article_exists',
      );
    });
  });
});
