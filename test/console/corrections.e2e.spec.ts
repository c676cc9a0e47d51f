import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { type Role } from '@marginalia/domain';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import {
  type CorrectionAnswer,
  CORPUS_002_ID,
  CorrectionsApi,
  dragSelect,
  occurrences,
  visibleText,
} from './support/corrections-api';
import { lowContrastTexts } from './support/contrast';

const screenshots = process.env.CONSOLE_SCREENSHOTS ?? tmpdir();
const WRONG = '推動(dòng)';
const RIGHT = '推動';
const NOTICE = '更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」。';

/**
 * Article 002 carries a converter's pinyin, 推動(dòng), five times. An editor who is also a
 * standards editor selects the third one with the mouse in the reader and proposes its
 * correction; the four-eyes rule keeps them from approving it; another standards editor
 * approves; the system publishes revision 2, and the console shows the change as a diff.
 */
describe('corrections in the console, on article 002’s repeated 推動(dòng)', () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await corpusReady(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('proposes on the selected occurrence, refuses self-approval in words, publishes and shows the diff', async () => {
    const proposerRoles: Role[] = ['editor', 'standards_editor'];
    const proposerApi = await CorrectionsApi.as(server, 'editor-wang', proposerRoles);
    const original = await proposerApi.text(CORPUS_002_ID, 1);
    const found = occurrences(original, WRONG);
    expect(found.length).toBe(5);
    const start = found[2]!;
    const end = start + Array.from(WRONG).length;

    const proposer = await openConsole(browser, server.url);
    const page = proposer.page;
    await signInWithToken(page, await server.token({ sub: 'editor-wang', roles: proposerRoles }));
    await page.goto(`${server.url}/console/#/articles/${CORPUS_002_ID}`);
    await page.locator('.article-text').waitFor();

    // A real mouse drag over the third occurrence; the reader turns it into the selector.
    await dragSelect(page, start, end);
    const toolbar = page.locator('.selection-toolbar');
    await expectText(toolbar.locator('blockquote'), WRONG);
    expect(await toolbar.locator('blockquote').textContent()).toBe(WRONG);
    await toolbar.getByRole('button', { name: 'Propose correction', exact: true }).click();

    const form = page.locator('form.propose-correction');
    await expectText(form.locator('mark'), WRONG);
    expect(await form.getByLabel('Kind').inputValue()).toBe('correction');
    // The replacement starts as the passage itself, which the server refuses to publish.
    expect(await form.getByLabel('Replacement', { exact: true }).inputValue()).toBe(WRONG);
    await form.getByLabel('Notice', { exact: true }).fill(NOTICE);
    await form.getByRole('button', { name: 'Propose correction', exact: true }).click();
    await expectText(form.getByRole('alert'), 'Some fields need attention.');
    expect(await form.getByRole('alert').textContent()).not.toContain('{');
    // Changed, the proposal is a new request (a new Idempotency-Key) and is accepted.
    await form.getByLabel('Replacement', { exact: true }).fill(RIGHT);
    await form.getByRole('button', { name: 'Propose correction', exact: true }).click();
    // The reader's confirmation links to the new correction.
    await page.locator('.notice a[href^="#/corrections/"]').click();
    await page.waitForURL(/#\/corrections\//);
    const correctionId = /#\/corrections\/([^/?]+)/.exec(page.url())![1]!;

    // The proposer sees why they cannot approve, before any click, in both languages.
    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    const describedBy = (await approve.getAttribute('aria-describedby'))!;
    await expectText(page.locator(`[id="${describedBy}"]`), 'Four-eyes rule');
    await page.getByLabel('Language').selectOption('zh-Hans');
    await expectText(page.locator(`[id="${describedBy}"]`), '四眼原则');
    await page.getByLabel('语言').selectOption('en');
    // …and the server refuses it too.
    const selfApproval = await proposerApi.send(
      'POST',
      `/v1/corrections/${correctionId}/approve`,
      {},
    );
    expect(selfApproval.status).toBe(409);
    expect(selfApproval.body?.code).toBe('self_approval_forbidden');

    // Another standards editor approves; the page follows the publication live.
    const reviewer = await openConsole(browser, server.url);
    const review = reviewer.page;
    await signInWithToken(
      review,
      await server.token({ sub: 'standards-zhao', roles: ['standards_editor'] }),
    );
    await review.goto(`${server.url}/console/#/corrections/${correctionId}`);
    // By keyboard: focus the button and press Enter.
    await review.getByRole('button', { name: 'Approve', exact: true }).focus();
    await review.keyboard.press('Enter');
    await expectText(review.locator('h1'), 'Published', 15_000);
    await review.locator('.correction-diff-before del').waitFor();

    expect(await visibleText(review, '.correction-diff-before')).toContain(`${WRONG}綠色循環`);
    expect(await visibleText(review, '.correction-diff-after')).toContain(`,${RIGHT}綠色循環`);
    expect(await visibleText(review, '.correction-diff-after')).not.toContain(WRONG);
    expect(await review.locator('.correction-diff-before del').textContent()).toContain('removed:');
    await review.getByRole('button', { name: 'Inline', exact: true }).click();
    expect(await visibleText(review, '.correction-diff-inline')).toContain(`${WRONG}綠色循環`);
    expect(await review.locator('.correction-diff-inline del').textContent()).toBe(
      'removed: (dòng) (end of removed text)',
    );
    await review.getByRole('button', { name: 'Side by side', exact: true }).click();
    const published = await expectText(review.locator('.correction-published'), 'revision 2');
    expect(published).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(review)).toEqual([]);
    await review.screenshot({ path: join(screenshots, 'correction-en.png'), fullPage: true });
    await review.getByLabel('Language').selectOption('zh-Hans');
    await expectText(review.locator('.correction-diff h2'), '修订版 2 的改动');
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(review)).toEqual([]);
    await review.screenshot({ path: join(screenshots, 'correction-zh.png'), fullPage: true });

    // The occurrence selected, and only it, was replaced in revision 2.
    const points = Array.from(original);
    const expected = [...points.slice(0, start), RIGHT, ...points.slice(end)].join('');
    expect(await proposerApi.text(CORPUS_002_ID, 2)).toBe(expected);
    const correction = await proposerApi.correction(correctionId);
    expect(correction).toMatchObject({
      status: 'published',
      publishedRevision: 2,
      anchor: { revision: 2, start, end: start + Array.from(RIGHT).length, exact: RIGHT },
    });

    // The reader shows revision 2 with the notice.
    await page.goto(`${server.url}/console/#/articles/${CORPUS_002_ID}`);
    await expectText(page.locator('.notices'), NOTICE);
    expect(await articleText(page)).toBe(expected);

    // The one refusal asked for above is the only failed request the browser reports.
    expect([...proposer.problems, ...reviewer.problems]).toEqual([
      expect.stringMatching(/status of 400/),
    ]);
    await Promise.all([proposer.context.close(), reviewer.context.close()]);
  });

  it('amends a proposal at the version read (refused over another’s change), rejects it with a reason the history keeps, and withdraws an editor’s note', async () => {
    const editorApi = await CorrectionsApi.as(server, 'editor-li', ['editor']);
    const current = (
      await editorApi.call<{ revision: number }>('GET', `/v1/articles/${CORPUS_002_ID}`)
    ).revision;
    const text = await editorApi.text(CORPUS_002_ID, current);
    const start = occurrences(text, WRONG).at(-1)!;
    const proposed = await editorApi.call<CorrectionAnswer>(
      'POST',
      `/v1/articles/${CORPUS_002_ID}/corrections`,
      {
        revision: current,
        selector: { start, end: start + Array.from(WRONG).length },
        kind: 'clarification',
        replacement: RIGHT,
        notice: '澄清：拼音為轉換殘留。',
      },
    );

    const editor = await openConsole(browser, server.url);
    await signInWithToken(editor.page, await server.token({ sub: 'editor-li', roles: ['editor'] }));
    await editor.page.goto(`${server.url}/console/#/corrections/${proposed.id}`);
    await expectText(editor.page.locator('h1'), 'Clarification');
    // An editor neither approves nor rejects.
    await editor.page.getByRole('button', { name: 'Amend', exact: true }).click();
    expect(await editor.page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(await editor.page.getByLabel('Replacement', { exact: true }).inputValue()).toBe(RIGHT);
    // Another editor amends it while the form is open: saving over a change not seen is refused.
    const otherNotice = '澄清：拼音「dòng」為轉換殘留。';
    const other = await CorrectionsApi.as(server, 'editor-chen', ['editor']);
    const meanwhile = await other.send(
      'PATCH',
      `/v1/corrections/${proposed.id}`,
      { notice: otherNotice },
      { 'If-Match': `"${proposed.version}"` },
    );
    expect(meanwhile.status).toBe(200);
    const amendedNotice = '澄清：原文「推動(dòng)」的拼音為轉換殘留，已刪去。';
    await editor.page.getByLabel('Notice', { exact: true }).fill(amendedNotice);
    await editor.page.getByRole('button', { name: 'Save amendment', exact: true }).click();
    await expectText(
      editor.page.getByRole('alert'),
      'Someone changed this while you were working.',
    );
    // Opened again, the form starts from their notice, and the amendment goes through.
    await expectText(editor.page.locator('.correction-notice'), otherNotice);
    await editor.page.getByRole('button', { name: 'Amend', exact: true }).click();
    await editor.page.getByRole('button', { name: 'Amend', exact: true }).click();
    expect(await editor.page.getByLabel('Notice', { exact: true }).inputValue()).toBe(otherNotice);
    await editor.page.getByLabel('Notice', { exact: true }).fill(amendedNotice);
    await editor.page.getByRole('button', { name: 'Save amendment', exact: true }).click();
    await expectText(editor.page.locator('.correction-notice'), amendedNotice);
    expect(await editorApi.correction(proposed.id)).toMatchObject({
      notice: amendedNotice,
      version: proposed.version + 2,
    });

    const reviewer = await openConsole(browser, server.url);
    await signInWithToken(
      reviewer.page,
      await server.token({ sub: 'standards-zhao', roles: ['standards_editor'] }),
    );
    await reviewer.page.goto(`${server.url}/console/#/corrections/${proposed.id}`);
    await reviewer.page.getByRole('button', { name: 'Reject', exact: true }).click();
    const reason = '同一段落已有更正，無需澄清。';
    await reviewer.page.getByLabel('Reason', { exact: true }).fill(reason);
    await reviewer.page.getByRole('button', { name: 'Confirm rejection', exact: true }).click();
    await expectText(
      reviewer.page.getByRole('status').filter({ hasText: 'rejected' }),
      'The correction was rejected.',
    );
    await expectText(reviewer.page.locator('h1'), 'Rejected');
    await expectText(reviewer.page.locator('.correction-history'), `Reason: ${reason}`);
    expect(await reviewer.page.locator('.correction-actions').count()).toBe(0);

    // An editor's note on the whole article, from the reader, then withdrawn with a reason.
    await editor.page.goto(`${server.url}/console/#/articles/${CORPUS_002_ID}`);
    await editor.page.getByRole('button', { name: 'Add editor’s note' }).click();
    const form = editor.page.locator('form.propose-correction');
    expect(await form.getByLabel('Kind').inputValue()).toBe('editors_note');
    expect(await form.getByLabel('Replacement', { exact: true }).count()).toBe(0);
    await form.getByLabel('Notice', { exact: true }).fill('編者按：本文拼音殘留正在逐一更正。');
    await form.getByRole('button', { name: 'Propose correction', exact: true }).click();
    await editor.page.locator('.notice a[href^="#/corrections/"]').click();
    await expectText(editor.page.locator('h1'), 'Editor’s note');
    await expectText(editor.page.locator('main'), 'The whole article (no passage).');
    await editor.page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await editor.page.getByLabel('Reason', { exact: true }).fill('改為逐條更正。');
    await editor.page.getByRole('button', { name: 'Confirm withdrawal', exact: true }).click();
    await expectText(editor.page.locator('h1'), 'Withdrawn');

    // The one refusal asked for above (412) is the only failed request the browser reports.
    expect([...editor.problems, ...reviewer.problems]).toEqual([
      expect.stringMatching(/status of 412/),
    ]);
    await Promise.all([editor.context.close(), reviewer.context.close()]);
  });

  it('holds back a correction whose passage a re-import lost, until it is amended with the passage as it reads now', async () => {
    const editorApi = await CorrectionsApi.as(server, 'editor-li', ['editor']);
    const before = '第一段：去年煤炭产量达到13.78亿吨。\n第二段：新能源装机容量继续增长。\n';
    const { id: articleId } = await editorApi.call<{ id: string }>('POST', '/v1/articles', {
      title: '孤立更正测试',
      language: 'zh-Hans',
      format: 'text',
      content: before,
      source: { url: 'https://example.test/orphan', publisher: '测试日报', publishedAt: null },
    });
    const proposed = await editorApi.call<CorrectionAnswer>(
      'POST',
      `/v1/articles/${articleId}/corrections`,
      {
        selector: { exact: '13.78亿吨' },
        kind: 'correction',
        replacement: '13.87亿吨',
        notice: '更正：产量数字有误。',
      },
    );
    // The source is re-imported with the sentence rewritten: the passage is gone.
    await editorApi.call('POST', `/v1/articles/${articleId}/revisions`, {
      content: '第一段：去年煤炭产量约为十四亿吨。\n第二段：新能源装机容量继续增长。\n',
      reason: '來源頁面更新',
    });
    await until(async () => (await editorApi.correction(proposed.id)).anchor?.state === 'orphaned');

    const reviewer = await openConsole(browser, server.url);
    await signInWithToken(
      reviewer.page,
      await server.token({ sub: 'standards-zhao', roles: ['standards_editor'] }),
    );
    await reviewer.page.goto(`${server.url}/console/#/corrections/${proposed.id}`);
    const approve = reviewer.page.getByRole('button', { name: 'Approve', exact: true });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await expectText(
      reviewer.page.locator(`[id="${(await approve.getAttribute('aria-describedby'))!}"]`),
      'Its passage was lost in a later revision',
    );

    const editor = await openConsole(browser, server.url);
    await signInWithToken(editor.page, await server.token({ sub: 'editor-li', roles: ['editor'] }));
    await editor.page.goto(`${server.url}/console/#/corrections/${proposed.id}`);
    await editor.page.getByRole('button', { name: 'Amend', exact: true }).click();
    await editor.page.getByLabel('Passage as it reads now', { exact: true }).fill('约为十四亿吨');
    await editor.page.getByLabel('Replacement', { exact: true }).fill('达到13.87亿吨');
    await editor.page.getByRole('button', { name: 'Save amendment', exact: true }).click();
    await expectText(editor.page.locator('.correction-anchor-state'), 'Revision 2 · anchored');

    // The reviewer's page follows live: approvable now, and published as revision 3.
    await reviewer.page.waitForFunction(
      () =>
        !document.querySelector<HTMLButtonElement>('.correction-actions button.primary')?.disabled,
    );
    await approve.click();
    await expectText(reviewer.page.locator('h1'), 'Published', 15_000);
    expect(await visibleText(reviewer.page, '.correction-diff-after')).toContain(
      '去年煤炭产量达到13.87亿吨。',
    );
    expect(await editorApi.text(articleId, 3)).toBe(
      '第一段：去年煤炭产量达到13.87亿吨。\n第二段：新能源装机容量继续增长。\n',
    );

    expect([...editor.problems, ...reviewer.problems]).toEqual([]);
    await Promise.all([editor.context.close(), reviewer.context.close()]);
  });
});

function articleText(page: Page): Promise<string> {
  return page.locator('.article-text').evaluate((element) => element.textContent ?? '');
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
