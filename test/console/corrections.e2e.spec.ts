import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { type Role } from '@marginalia/domain';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import {
  CORPUS_002_ID,
  CorrectionsApi,
  dragSelect,
  occurrences,
  visibleText,
} from './support/corrections-api';

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
describe('a correction of article 002’s repeated 推動(dòng), from selection to publication', () => {
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
    await form.getByLabel('Replacement', { exact: true }).fill(RIGHT);
    await form.getByLabel('Notice', { exact: true }).fill(NOTICE);
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
    await review.getByRole('button', { name: 'Approve', exact: true }).click();
    await expectText(review.locator('h1'), 'Published', 15_000);
    await review.locator('.correction-diff-before del').waitFor();

    expect(await visibleText(review, '.correction-diff-before')).toContain(`${WRONG}綠色循環`);
    expect(await visibleText(review, '.correction-diff-after')).toContain(`,${RIGHT}綠色循環`);
    expect(await visibleText(review, '.correction-diff-after')).not.toContain(WRONG);
    expect(await review.locator('.correction-diff-before del').textContent()).toContain('removed:');
    const published = await expectText(review.locator('.correction-published'), 'revision 2');
    expect(published).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await review.screenshot({ path: join(screenshots, 'correction-en.png'), fullPage: true });
    await review.getByLabel('Language').selectOption('zh-Hans');
    await expectText(review.locator('.correction-diff h2'), '修订版 2 的改动');
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

    expect([...proposer.problems, ...reviewer.problems]).toEqual([]);
    await Promise.all([proposer.context.close(), reviewer.context.close()]);
  });
});

function articleText(page: Page): Promise<string> {
  return page.locator('.article-text').evaluate((element) => element.textContent ?? '');
}
