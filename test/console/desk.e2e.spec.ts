import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import {
  type ConsoleTab,
  expectText,
  launchBrowser,
  openConsole,
  signInWithToken,
} from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import { ARTICLE_000, COAL, DeskApi } from './support/desk-api';
import { dragOverQuote } from './support/desk-selection';
import { lowContrastTexts } from './support/contrast';

const screenshots = process.env.CONSOLE_SCREENSHOTS ?? tmpdir();

const EDITOR = { sub: 'editor-li', roles: ['editor'] };
const CHECKER = { sub: 'checker-wang', roles: ['fact_checker'] };
const ZHANG = { sub: 'standards-zhang', roles: ['standards_editor'] };
const CHEN = { sub: 'standards-chen', roles: ['standards_editor'] };

/**
 * The README's quick start by clicks, on the desk and the claim panel: each person in their own
 * browser context, signed in by pasting their token. The claim is captured by a mouse drag in the
 * reader while the editor's desk is open elsewhere, which shows it without a reload.
 */
describe('the claim desk and the claim panel, from capture to a published verdict', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let editorApi: DeskApi;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await corpusReady(server);
    editorApi = await DeskApi.as(server, EDITOR.sub, EDITOR.roles);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(
    who: { sub: string; roles: string[] },
    options: { locale?: string; hash?: string } = {},
  ): Promise<ConsoleTab> {
    const tab = await openConsole(browser, server.url);
    tab.page.setDefaultTimeout(10_000);
    await signInWithToken(tab.page, await server.token(who as never));
    // The sign-in page's field is named in English; the person then picks their language.
    if (options.locale === 'zh-Hans') {
      await tab.page.getByLabel('Language').selectOption('zh-Hans');
    }
    if (options.hash) await tab.page.goto(`${server.url}/console/${options.hash}`);
    return tab;
  }

  const queue = (page: Page, name: string) =>
    page.getByRole('region', { name: new RegExp(`^${name}\\b`) });
  const status = (page: Page) => page.locator('.claim-facts .status').first();

  it('captures, assigns, drafts, refuses the drafter’s approval, approves, and marks the rating', async () => {
    // The editor's desk is open before the claim exists: the open queue shows it live.
    const editor = await signedIn(EDITOR, { hash: '#/desk' });
    const page = editor.page;
    await page.getByRole('heading', { level: 1, name: 'Claim desk' }).waitFor();
    await expectText(page.locator('.live'), 'Live');
    const open = queue(page, 'Open');
    await expectText(open.getByRole('heading'), /Open\s*0/);

    // In a second browser context, a fact-checker reads article 000, selects the passage by a
    // mouse drag and captures it with the reader's own form.
    const checker = await signedIn(CHECKER, { hash: `#/articles/${ARTICLE_000}` });
    const reader = checker.page;
    await reader.locator('.article-text').waitFor();
    await dragOverQuote(reader, COAL);
    await reader.getByRole('button', { name: 'Capture claim', exact: true }).click();
    await reader.getByLabel('Statement', { exact: true }).fill('山西省2023年煤炭产量达到13.78亿吨');
    await reader.getByLabel('Claimant', { exact: true }).fill('金湘军');
    await reader.getByRole('button', { name: 'Capture claim', exact: true }).click();

    const link = open.getByRole('link', { name: '山西省2023年煤炭产量达到13.78亿吨' });
    await link.waitFor({ timeout: 10_000 });
    const claim = { id: (await link.getAttribute('href'))!.replace('#/claims/', '') };
    expect((await editorApi.claim(claim.id)).anchor).toMatchObject({
      exact: COAL,
      start: 1774,
      end: 1789,
      revision: 1,
    });
    expect(checker.problems).toEqual([]);
    await checker.context.close();
    await expectText(open.getByRole('heading'), /Open\s*1/);
    await expectText(open, COAL);
    await expectText(open, '7个关键词');

    // The editor opens the claim and assigns it to the standards editor who will draft.
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Claim' }).waitFor();
    await expectText(page.locator('.claim-anchor'), COAL);
    await expectText(status(page), 'Open');
    await page.getByLabel('Assignee', { exact: true }).fill(ZHANG.sub);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expectText(status(page), 'Assigned');
    await expectText(page.getByRole('status').filter({ hasText: 'Assigned to' }), ZHANG.sub);
    expect((await editorApi.claim(claim.id)).assignee).toBe(ZHANG.sub);
    // An editor drafts no verdict and reviews none.
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // Standards editor A finds it assigned to them, drafts with a source and submits.
    const zhang = await signedIn(ZHANG, { hash: '#/desk' });
    const a = zhang.page;
    await queue(a, 'Assigned to me')
      .getByRole('link', { name: '山西省2023年煤炭产量达到13.78亿吨' })
      .click();
    await a.getByLabel('Rating', { exact: true }).selectOption({ label: 'Mostly true' });
    await a
      .getByLabel('Summary', { exact: true })
      .fill('山西省统计局公报：2023年全省原煤产量13.78亿吨，与讲话一致。');
    await a.getByLabel('Rationale').fill('对照《山西省2023年国民经济和社会发展统计公报》。');
    await a.getByLabel('URL').fill('https://tjj.shanxi.gov.cn/tjsj/tjgb/2023.html');
    await a.getByLabel('Title', { exact: true }).fill('山西省2023年国民经济和社会发展统计公报');
    await a.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expectText(a.getByRole('status').filter({ hasText: 'Draft saved' }), 'Draft saved');
    const drafted = await editorApi.claim(claim.id);
    expect(drafted.draft).toMatchObject({ rating: 'mostly_true', drafters: [ZHANG.sub] });
    expect(drafted.draft!.sources).toHaveLength(1);

    await a.getByRole('button', { name: 'Submit for review', exact: true }).click();
    await expectText(status(a), 'In review');

    // The four-eyes rule before the click: A's Approve is unavailable, and says why.
    const approveA = a.getByRole('button', { name: 'Approve', exact: true });
    await approveA.waitFor();
    expect(await approveA.getAttribute('aria-disabled')).toBe('true');
    const explainedBy = (await approveA.getAttribute('aria-describedby'))!;
    await expectText(
      a.locator(`[id="${explainedBy}"]`),
      'You drafted this verdict. Under the four-eyes rule another standards editor must approve it.',
    );
    // Playwright, like a person, finds it unavailable; a forced click changes nothing.
    expect(await approveA.isEnabled()).toBe(false);
    await approveA.click({ force: true });
    expect((await editorApi.claim(claim.id)).status).toBe('in_review');

    // A's own desk lists it in review, but does not ask A to approve it.
    await a.getByRole('link', { name: 'Back to the claim desk' }).click();
    await expectText(queue(a, 'In review').getByRole('heading'), /In review\s*1/);
    await expectText(queue(a, 'Awaiting my approval').getByRole('heading'), /approval\s*0/);
    await queue(a, 'In review')
      .getByRole('link', { name: '山西省2023年煤炭产量达到13.78亿吨' })
      .click();
    await expectText(status(a), 'In review');

    // Standards editor B finds it awaiting their approval, and approves.
    const chen = await signedIn(CHEN, { hash: '#/desk' });
    const b = chen.page;
    const awaiting = queue(b, 'Awaiting my approval');
    await expectText(awaiting.getByRole('heading'), /Awaiting my approval\s*1/);
    await awaiting.getByRole('link', { name: '山西省2023年煤炭产量达到13.78亿吨' }).click();
    const approveB = b.getByRole('button', { name: 'Approve', exact: true });
    expect(await approveB.getAttribute('aria-disabled')).toBeNull();
    // By keyboard: the button is a real one, focused and pressed.
    await approveB.focus();
    await b.keyboard.press('Enter');
    await expectText(status(b), 'Published');
    await expectText(b.getByRole('status').filter({ hasText: 'Approved' }), 'published');
    const review = b.getByRole('region', { name: 'ClaimReview (schema.org)' });
    await expectText(review.locator('pre'), '"@type": "ClaimReview"');
    await expectText(review.locator('pre'), '"alternateName": "Mostly true"');
    expect((await editorApi.claim(claim.id)).publishedVerdict).toMatchObject({
      rating: 'mostly_true',
    });
    // A's panel follows the log: the claim is published there too, without a reload.
    await expectText(status(a), 'Published');
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(b)).toEqual([]);
    await b.screenshot({ path: join(screenshots, 'claim-panel-en.png'), fullPage: true });

    // The reader shows the mark with its rating.
    await b.getByRole('link', { name: 'Open in the reader' }).click();
    const mark = b.locator(`mark[data-ids~="${claim.id}"][data-rating]`);
    await mark.waitFor({ timeout: 10_000 });
    expect(await mark.getAttribute('data-rating')).toBe('Mostly true');
    expect(await mark.evaluate((element) => getComputedStyle(element, '::after').content)).toBe(
      '"Mostly true"',
    );

    for (const tab of [editor, zhang, chen]) expect(tab.problems).toEqual([]);
    await Promise.all([page.context().close(), a.context().close(), b.context().close()]);
  });

  it('counts the summary to 281 / 280 and refuses it, and refuses a submission without a source in words', async () => {
    const claim = await editorApi.capture(ARTICLE_000, '发电量4376亿千瓦时', {
      statement: '山西省2023年发电量4376亿千瓦时',
    });
    const { page, problems } = await signedIn(ZHANG, { hash: `#/claims/${claim.id}` });
    const summary = page.getByLabel('Summary', { exact: true });
    await summary.waitFor();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') requests.push(request.url());
    });
    await page.getByLabel('Rating', { exact: true }).selectOption('half_true');
    // 280 code points of CJK and one of CJK Extension B (two UTF-16 units, one character).
    await summary.fill(`${'电'.repeat(280)}𠮷`);
    await expectText(page.locator('.summary-count'), /281\s*\/\s*280/);
    const describedBy = (await summary.getAttribute('aria-describedby'))!.split(' ');
    const words = await Promise.all(
      describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(words.join(' ')).toContain('281 of 280 characters: 1 too many');
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expectText(page.getByRole('alert'), 'at most 280 are allowed');
    expect(requests).toEqual([]);
    expect((await editorApi.claim(claim.id)).draft).toBeNull();

    await summary.fill(`${'电'.repeat(279)}𠮷`);
    await expectText(page.locator('.summary-count'), /280\s*\/\s*280/);
    await page.getByRole('button', { name: 'Remove source 1' }).click();
    await page.getByRole('button', { name: 'Submit for review', exact: true }).click();
    await expectText(
      page.getByRole('alert'),
      'A verdict needs at least one source before it can be submitted.',
    );
    const after = await editorApi.claim(claim.id);
    expect(after.status).not.toBe('in_review');
    expect(after.draft).toMatchObject({ sources: [] });
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    await page.context().close();
  });

  it('rejects a submission with a reason the drafter then reads, retracts a published verdict and withdraws the claim', async () => {
    const zhangApi = await DeskApi.as(server, ZHANG.sub, ZHANG.roles);
    const chenApi = await DeskApi.as(server, CHEN.sub, CHEN.roles);
    const draftAndSubmit = async (claimId: string) => {
      await zhangApi.call('POST', `/v1/claims/${claimId}/verdict`, {
        rating: 'false',
        summary: '统计公报的数字不同。',
        sources: [
          {
            url: 'https://tjj.shanxi.gov.cn/tjsj/tjgb/2023.html',
            title: '山西省2023年国民经济和社会发展统计公报',
            accessedAt: '2024-03-10',
          },
        ],
      });
      await zhangApi.call('POST', `/v1/claims/${claimId}/verdict/submit`, {});
    };
    const rejected = await zhangApi.capture(ARTICLE_000, '提高煤矿先进产能和智能化水平', {
      statement: '提高煤矿先进产能和智能化水平',
    });
    await draftAndSubmit(rejected.id);

    const chen = await signedIn(CHEN, { hash: `#/claims/${rejected.id}` });
    const b = chen.page;
    await expectText(status(b), 'In review');
    await b.getByRole('button', { name: 'Reject', exact: true }).click();
    await expectText(b.getByRole('alert'), 'Give a reason first.');
    expect((await chenApi.claim(rejected.id)).status).toBe('in_review');
    await b.getByLabel('Reason for rejection').fill('请补充国家统计局的分省数据作为第二个来源');
    await b.getByRole('button', { name: 'Reject', exact: true }).click();
    await expectText(b.getByRole('status').filter({ hasText: 'Rejected' }), 'your reason');
    expect((await chenApi.claim(rejected.id)).status).not.toBe('in_review');

    // The drafter finds the draft returned with the reviewer's reason, ready to amend.
    const zhang = await signedIn(ZHANG, { hash: `#/claims/${rejected.id}` });
    const a = zhang.page;
    await expectText(
      a.locator('.verdict-form .explain'),
      'Returned by standards-chen: 请补充国家统计局的分省数据作为第二个来源',
    );
    expect(await a.getByLabel('Summary', { exact: true }).inputValue()).toBe(
      '统计公报的数字不同。',
    );

    // A published verdict retracted with a reason: the claim goes back to work.
    const retracted = await zhangApi.capture(ARTICLE_000, '做大做强风电光伏集中式项目', {
      statement: '做大做强风电光伏集中式项目',
    });
    await draftAndSubmit(retracted.id);
    await chenApi.call('POST', `/v1/claims/${retracted.id}/verdict/approve`, {});
    await b.goto(`${server.url}/console/#/claims/${retracted.id}`);
    await expectText(status(b), 'Published');
    await b.getByText('Retract the published verdict').click();
    await b.getByLabel('Reason for retraction').fill('统计局修订了数据');
    await b.getByRole('button', { name: 'Retract verdict', exact: true }).click();
    await expectText(b.getByRole('status').filter({ hasText: 'retracted' }), 'retracted');
    await expectText(status(b), /Assigned|Open/);
    await expectText(b.locator('table.list'), 'Retracted');
    expect((await chenApi.claim(retracted.id)).publishedVerdict).toBeNull();
    // Then withdrawn, with a reason; a withdrawn claim offers no more actions.
    await b.getByText('Withdraw the claim').click();
    await b.getByLabel('Reason for withdrawal').fill('重复标注');
    await b.getByRole('button', { name: 'Withdraw claim', exact: true }).click();
    await expectText(status(b), 'Withdrawn');
    expect(await b.getByRole('button', { name: 'Assign', exact: true }).count()).toBe(0);
    expect((await chenApi.claim(retracted.id)).status).toBe('withdrawn');
    expect([...chen.problems, ...zhang.problems]).toEqual([]);
    await Promise.all([a.context().close(), b.context().close()]);
  });

  it('shows a busy desk and the claim panel in both languages', async () => {
    const published = (
      await editorApi.call<{ items: Array<{ id: string }> }>('GET', '/v1/claims?status=published')
    ).items[0]!;
    // A desk with work in every queue: a claim assigned to B, one drafted by A awaiting B.
    const zhangApi = await DeskApi.as(server, ZHANG.sub, ZHANG.roles);
    const gas = await editorApi.capture(ARTICLE_000, '非常规天然气产量145.9亿立方米', {
      statement: '山西省2023年非常规天然气产量145.9亿立方米',
      claimant: '金湘军',
    });
    await editorApi.call('POST', `/v1/claims/${gas.id}/assignment`, { assignee: CHEN.sub });
    const reviewed = await zhangApi.capture(ARTICLE_000, '发电量4376亿千瓦时', {
      statement: '山西省2023年发电量4376亿千瓦时',
      claimant: '金湘军',
    });
    await zhangApi.call('POST', `/v1/claims/${reviewed.id}/verdict`, {
      rating: 'true',
      summary: '与山西省统计公报一致。',
      sources: [
        {
          url: 'https://tjj.shanxi.gov.cn/tjsj/tjgb/2023.html',
          title: '山西省2023年国民经济和社会发展统计公报',
          accessedAt: '2024-03-10',
        },
      ],
    });
    await zhangApi.call('POST', `/v1/claims/${reviewed.id}/verdict/submit`, {});

    const correction = await editorApi.call<{ id: string }>(
      'POST',
      `/v1/articles/${ARTICLE_000}/corrections`,
      {
        selector: { exact: '非常规天然气产量145.9亿立方米' },
        kind: 'clarification',
        replacement: '非常规天然气产量145.9亿立方米（含煤层气）',
        notice: '澄清：非常规天然气产量包含煤层气。',
      },
    );

    const { page, problems } = await signedIn(CHEN, { hash: '#/desk' });
    await expectText(queue(page, 'Assigned to me').getByRole('heading'), /Assigned to me\s*1/);
    const corrections = queue(page, 'Corrections awaiting approval');
    expect(
      await corrections
        .getByRole('link', { name: '澄清：非常规天然气产量包含煤层气。' })
        .getAttribute('href'),
    ).toBe(`#/corrections/${correction.id}`);
    await expectText(
      queue(page, 'Awaiting my approval').getByRole('heading'),
      /Awaiting my approval\s*1/,
    );
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'desk-en.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('zh-Hans');
    await page.getByRole('heading', { level: 1, name: '核查台' }).waitFor();
    await expectText(page.locator('#queue-awaiting h2'), '等待我批准');
    await expectText(page.locator('#queue-awaiting'), '发电量4376亿千瓦时');
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'desk-zh.png'), fullPage: true });

    await page.goto(`${server.url}/console/#/claims/${published.id}`);
    await expectText(page.locator('.claim-facts .status').first(), '已发布');
    await expectText(page.locator('.rating-badge').first(), '基本正确');
    await page.getByRole('heading', { name: 'ClaimReview (schema.org)' }).waitFor();
    await page.locator('pre.json-ld').waitFor();
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'claim-panel-zh.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says in words that someone changed the claim meanwhile (412), and a reload shows their change', async () => {
    const claim = await editorApi.capture(ARTICLE_000, '发电量4376亿千瓦时', {
      statement: '发电量4376亿千瓦时（第二条）',
    });
    const { page, context } = await openConsole(browser, server.url);
    page.setDefaultTimeout(10_000);
    // The live connection is lost (a flaky network), so the panel cannot hear of the change.
    await page.route('**/v1/changes/stream', (route) => route.abort());
    await signInWithToken(page, await server.token(EDITOR as never));
    await page.goto(`${server.url}/console/#/claims/${claim.id}`);
    await expectText(status(page), 'Open');
    await page.getByLabel('Assignee', { exact: true }).fill(ZHANG.sub);

    await editorApi.call('POST', `/v1/claims/${claim.id}/assignment`, { assignee: CHEN.sub });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expectText(
      page.getByRole('alert'),
      'Someone changed this while you were working. Reload to see their change, then try again.',
    );
    expect((await editorApi.claim(claim.id)).assignee).toBe(CHEN.sub);
    await page.reload();
    await expectText(page.locator('.claim-facts'), CHEN.sub);
    await context.close();
  });
});
