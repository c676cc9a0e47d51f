import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { type Browser, type Page } from 'playwright-core';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import {
  codePointRange,
  dragOverCodePoints,
  ReaderApi,
  selectCodePoints,
} from './support/reader-api';
import { lowContrastTexts } from './support/contrast';

const ARTICLE_000 = 'e2b6c002-820f-51ce-a1ec-fd82caa61a41';
const COAL = '去年煤炭产量达到13.78亿吨';

// Emoji with a skin tone, a ZWJ family, a flag, CJK Extension B (U+20000, U+20BB7, U+2123D) and
// combining marks that NFC cannot compose (q̇, x̣̂), each between ordinary CJK and Latin text.
const EMOJI_TEXT =
  '开头说明👍🏽点赞。一家人👨‍👩‍👧团聚，国旗🇨🇳飘扬。古字𠀀与𠮷、𡈽并列。' +
  'Latin q\u0307 and x\u0323\u0302 marks; 结尾𠮷。\n第二段：数字𡈽123👍🏽。';

const screenshots = process.env.CONSOLE_SCREENSHOTS ?? tmpdir();

describe('the reader marks an article’s claims and captures a claim on a selection', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let editor: ReaderApi;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await corpusReady(server);
    editor = await ReaderApi.as(server, 'editor-li', ['editor']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(roles: string[], locale = 'en-GB'): Promise<Page> {
    const tab = await openConsole(browser, server.url, { locale });
    await signInWithToken(tab.page, await server.token({ sub: 'editor-li', roles } as never));
    return tab.page;
  }

  /** Through the toolbar and the form, with the form's own "Capture claim" button. */
  async function captureSelection(page: Page, fields: { statement?: string; claimant?: string }) {
    await page.getByRole('button', { name: 'Capture claim', exact: true }).click();
    if (fields.statement)
      await page.getByLabel('Statement', { exact: true }).fill(fields.statement);
    if (fields.claimant) await page.getByLabel('Claimant', { exact: true }).fill(fields.claimant);
    await page.getByRole('button', { name: 'Capture claim', exact: true }).click();
  }

  async function capturedClaimId(page: Page): Promise<string> {
    const link = page.getByRole('link', { name: 'Open the claim' });
    await link.waitFor();
    const target = (await link.getAttribute('href'))!;
    await page
      .getByRole('button', { name: 'Capture claim', exact: true })
      .waitFor({ state: 'detached' });
    return target.replace('#/claims/', '');
  }

  it('captures 去年煤炭产量达到13.78亿吨 on article 000 selected by a mouse drag', async () => {
    const page = await signedIn(['editor']);
    await page.getByRole('link', { name: /7个关键词/ }).click();
    await page.getByRole('heading', { level: 1, name: /7个关键词/ }).waitFor();
    const text = await editor.text(ARTICLE_000);
    const expected = codePointRange(text, COAL);
    // A claim earlier in the text, so the quote lies in a later piece than the first.
    await editor.capture(ARTICLE_000, '山西代表团在驻地举行全体会议', '全体会议在驻地举行');
    await page.locator('.article-text mark').first().waitFor();

    await dragOverCodePoints(page, expected.start, expected.end);
    await expectText(page.locator('.selection-toolbar blockquote'), COAL);
    await captureSelection(page, { statement: '山西去年煤炭产量为13.78亿吨', claimant: '金湘军' });
    const claimId = await capturedClaimId(page);

    const claim = await editor.claim(claimId);
    expect(claim.anchor).toMatchObject({ exact: COAL, ...expected, revision: 1 });
    expect(expected).toEqual({ start: 1774, end: 1789 });
    expect(claim.statement).toBe('山西去年煤炭产量为13.78亿吨');
    expect(claim.claimant).toBe('金湘军');
    // The view reloaded: the new claim is marked where it was selected, and listed.
    await page.locator(`mark[data-ids~="${claimId}"]`).first().waitFor();
    const listed = page.locator(`a[data-annotation="${claimId}"]`);
    await expectText(listed, '山西去年煤炭产量');
    // Someone else's change to a claim shown here arrives live.
    await editor.call('POST', `/v1/claims/${claimId}/assignment`, { assignee: 'checker-wang' });
    await expectText(listed.locator('..'), 'Assigned');
    // A click on the mark leads to its entry in the list.
    await page.locator(`mark[data-ids~="${claimId}"]`).first().click();
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('data-annotation') === id,
      claimId,
    );
    await page.context().close();
  });

  it('counts selections next to emoji, CJK Extension B and combining marks in code points, and refuses a split emoji in words', async () => {
    const { id } = await editor.importText(
      '表情与生僻字',
      EMOJI_TEXT,
      'https://example.test/emoji',
    );
    const text = await editor.text(id);
    const page = await signedIn(['editor', 'fact_checker']);
    await page.goto(`${server.url}/console/#/articles/${id}`);
    await page.getByRole('heading', { level: 1, name: '表情与生僻字' }).waitFor();

    // Each span starts right before or after one of the characters and ends right before or after another.
    const spans = [
      codePointRange(text, '👍🏽点赞'),
      codePointRange(text, '👨‍👩‍👧'),
      codePointRange(text, '🇨🇳'),
      codePointRange(text, '𠀀与𠮷'),
      codePointRange(text, '、𡈽'),
      codePointRange(text, 'q\u0307 and x\u0323\u0302'),
      codePointRange(text, '𡈽123👍🏽'),
    ];
    for (const span of spans) {
      await selectCodePoints(page, span.start, span.end);
      await captureSelection(page, {});
      const claimId = await capturedClaimId(page);
      const { anchor } = await editor.claim(claimId);
      expect({ start: anchor.start, end: anchor.end, exact: anchor.exact }).toEqual({
        ...span,
        exact: Array.from(text).slice(span.start, span.end).join(''),
      });
    }

    // A start or an end between the two UTF-16 halves of an astral character keeps it whole.
    const halfway = codePointRange(text, '结尾𠮷');
    await selectCodePoints(page, halfway.start, halfway.end - 1, { end: 1 });
    await expectText(page.locator('.selection-toolbar blockquote'), '结尾𠮷');
    await captureSelection(page, {});
    const whole = await editor.claim(await capturedClaimId(page));
    expect(whole.anchor).toMatchObject({ ...halfway, exact: '结尾𠮷' });
    const fromHalfway = codePointRange(text, '𡈽123');
    await selectCodePoints(page, fromHalfway.start, fromHalfway.end, { start: 1 });
    await expectText(page.locator('.selection-toolbar blockquote'), '𡈽123');
    await captureSelection(page, {});
    const wholeStart = await editor.claim(await capturedClaimId(page));
    expect(wholeStart.anchor).toMatchObject({ ...fromHalfway, exact: '𡈽123' });

    // The man and the joiner of 👨‍👩‍👧, without the rest of the family: refused, in words.
    const before = await editor.claimCount(id);
    const family = codePointRange(text, '👨‍👩‍👧');
    await selectCodePoints(page, family.start - 3, family.start + 2);
    await captureSelection(page, {});
    await expectText(page.getByRole('alert'), 'cuts a character in two');
    expect(await page.getByRole('alert').textContent()).not.toContain('{');
    expect(await editor.claimCount(id)).toBe(before);
    await page.context().close();
  });

  it('captures a claim with the keyboard alone, finding the second of two repeats', async () => {
    const text = '第一句：产量上升。重复的话。第二句：价格下降。重复的话。';
    const { id } = await editor.importText('键盘测试', text, 'https://example.test/keyboard');
    const page = await signedIn(['editor']);
    await page.goto(`${server.url}/console/#/articles/${id}`);
    await page.getByLabel('Find passage', { exact: true }).focus();
    await page.keyboard.type('重复的话');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expectText(page.locator('#find-passage-status'), 'Occurrence 2 of 2');
    await expectText(page.locator('.selection-toolbar blockquote'), '重复的话');

    for (let tab = 0; tab < 10; tab += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      if (focused === 'Capture claim') break;
    }
    await page.keyboard.press('Enter');
    // The form opens with the keyboard in its first field.
    await page.waitForFunction(() => document.activeElement?.id === 'capture-statement');
    await page.keyboard.type('重复的话出现了两次');
    await page.keyboard.press('Tab');
    await page.keyboard.type('编辑部');
    await page.keyboard.press('Enter');
    const claim = await editor.claim(await capturedClaimId(page));
    // The keyboard lands on the link to the new claim.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Open the claim');
    expect(claim.anchor).toMatchObject({
      ...codePointRange(text, '重复的话', text.indexOf('重复的话') + 1),
      exact: '重复的话',
    });
    expect(claim).toMatchObject({ statement: '重复的话出现了两次', claimant: '编辑部' });
    await page.context().close();
  });

  it('switches to an older revision and shows its text; shows notices only once there is one', async () => {
    const { id } = await editor.importText(
      '修订测试',
      '第一版：产量为十亿吨。',
      'https://example.test/revisions',
    );
    const page = await signedIn(['editor']);
    await page.goto(`${server.url}/console/#/articles/${id}`);
    await expectText(page.locator('.article-text'), '第一版：产量为十亿吨。');

    await editor.call('POST', `/v1/articles/${id}/revisions`, {
      content: '第二版：产量为十二亿吨。',
      reason: '来源更新了数字',
    });
    // The reader follows the log: the new revision arrives without a reload.
    await expectText(page.locator('.article-text'), '第二版：产量为十二亿吨。');

    await page.getByLabel('Revision', { exact: true }).selectOption('1');
    await expectText(page.locator('.article-text'), '第一版：产量为十亿吨。');
    expect(page.url()).toContain('revision=1');
    await expectText(page.locator('.explain'), 'revision 1 of 2');

    await page.getByLabel('Revision', { exact: true }).selectOption('2');
    await expectText(page.locator('.article-text'), '第二版：产量为十二亿吨。');

    // No notice, no heading; a published editor's note appears under the text, live.
    const notices = page.getByRole('heading', { name: 'Corrections and notes' });
    expect(await notices.count()).toBe(0);
    const standards = await ReaderApi.as(server, 'standards-zhao', ['standards_editor']);
    const note = await editor.call<{ id: string }>('POST', `/v1/articles/${id}/corrections`, {
      kind: 'editors_note',
      notice: '编者按：第一版的产量数字有误，已于第二版更新。',
    });
    await standards.call('POST', `/v1/corrections/${note.id}/approve`, {});
    await notices.waitFor();
    await expectText(page.locator('.notices'), '编者按：第一版的产量数字有误');
    await expectText(page.locator('.notices'), 'Editor’s note, revision 2');
    await page.context().close();
  });

  it('shows a published rating at its mark, in English and in Chinese (screenshots)', async () => {
    const checker = await ReaderApi.as(server, 'checker-wang', ['fact_checker']);
    const standards = await ReaderApi.as(server, 'standards-zhao', ['standards_editor']);
    const rated = await editor.capture(
      ARTICLE_000,
      '吸引来境内外的21家媒体44名记者',
      '21家媒体44名记者到场',
    );
    await editor.capture(ARTICLE_000, '44名记者', '44名记者到场');
    await editor.capture(ARTICLE_000, '7位全国人大代表', '7位全国人大代表回答问题');
    await editor.call('POST', `/v1/claims/${rated}/assignment`, { assignee: 'checker-wang' });
    await checker.call('POST', `/v1/claims/${rated}/verdict`, {
      rating: 'mostly_true',
      summary: '发布会现场记者人数与主办方公布的一致。',
      sources: [
        {
          url: 'https://example.test/press-list',
          title: '媒体开放日采访名单',
          accessedAt: '2024-03-09',
        },
      ],
    });
    await checker.call('POST', `/v1/claims/${rated}/verdict/submit`, {});
    await standards.call('POST', `/v1/claims/${rated}/verdict/approve`, {});

    for (const [language, name, label] of [
      ['en', 'reader-en.png', 'Mostly true'],
      ['zh-Hans', 'reader-zh.png', '基本正确'],
    ] as const) {
      const tab = await openConsole(browser, server.url, {
        locale: language === 'en' ? 'en-GB' : 'zh-CN',
      });
      // The start page follows the browser's language; the test signs in with the English names.
      await tab.page.locator('header select').selectOption('en');
      await signInWithToken(
        tab.page,
        await server.token({ sub: 'editor-li', roles: ['editor'] } as never),
      );
      await tab.page.locator('header select').selectOption(language);
      await tab.page.goto(`${server.url}/console/#/articles/${ARTICLE_000}`);
      const mark = tab.page.locator(`mark[data-ids~="${rated}"][data-rating]`);
      await mark.waitFor();
      expect(await mark.getAttribute('data-rating')).toBe(label);
      // A passage selected too, so the picture shows what a selection offers.
      const text = await editor.text(ARTICLE_000);
      const passage = codePointRange(text, '第十四届全国人民代表大会第二次会议');
      await selectCodePoints(tab.page, passage.start, passage.end);
      await tab.page.locator('.selection-toolbar').waitFor();
      await tab.page.setViewportSize({ width: 1280, height: 1200 });
      await expectText(tab.page.locator(`a[data-annotation="${rated}"]`).locator('..'), label);
      // Every text as shown reads at WCAG 2.2 AA contrast.
      expect(await lowContrastTexts(tab.page)).toEqual([]);
      await tab.page.screenshot({ path: join(screenshots, name) });
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
