import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import {
  HOSTILE_STATEMENT,
  newsroomOf,
  type PublishedArticle,
  TITLE_000,
} from './support/shareable-view-newsroom';

/**
 * The shareable HTML view (`Accept: text/html`) as a person opening a shared link sees it in
 * Chromium: the rating at its claim, the article's language, dates for people, no empty
 * headings, every user text shown as text. Set up through the API; looked at in the browser.
 */
describe('the shareable HTML view of an article', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let token: string;
  let chinese: PublishedArticle;
  let english: PublishedArticle;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await corpusReady(server);
    token = await server.token({ sub: 'reader-zhou', roles: ['auditor'] });
    const newsroom = await newsroomOf(server);
    chinese = await newsroom.chinese();
    english = await newsroom.english();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The view opened in a fresh tab with the token and `Accept: text/html`, as a link is. */
  async function open(articleId: string, locale = 'en-GB') {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}`, Accept: 'text/html' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`));
    page.on('console', (message) => problems.push(`console: ${message.text()}`));
    const response = await page.goto(`${server.url}/v1/articles/${articleId}/view`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-type']).toBe('text/html; charset=utf-8');
    const policy = response!.headers()['content-security-policy']!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
    return { context, page, problems };
  }

  const screenshot = (page: Page, name: string) =>
    page.screenshot({ path: join(process.env.CONSOLE_SCREENSHOTS ?? tmpdir(), name) });

  /** The text of the elements `selector` finds, in document order. */
  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

  // The page's own code is given as text: the tests compile without the DOM's types.

  /**
   * Where the rating badge sits against the end of its claim's marked text: the gap from the
   * claim's last character to the badge, and whether they share a line.
   */
  async function badgePlace(
    page: Page,
    claimId: string,
  ): Promise<{ gap: number; sameLine: boolean; after: string }> {
    return page.evaluate(`(() => {
      const badge = document.querySelector('a.badge[href="#annotation-${claimId}"]');
      const mark = badge.previousElementSibling;
      const range = document.createRange();
      range.setStart(mark.firstChild, mark.firstChild.length - 1);
      range.setEnd(mark.firstChild, mark.firstChild.length);
      const end = [...range.getClientRects()].pop();
      const box = badge.getBoundingClientRect();
      const middle = (box.top + box.bottom) / 2;
      return {
        gap: box.left - end.right,
        sameLine: middle > end.top && middle < end.bottom,
        after: mark.getAttribute('data-annotation-ids'),
      };
    })()`);
  }

  /** WCAG contrast of an element's text against the background its nearest painted box gives. */
  async function contrastOf(page: Page, selector: string): Promise<number> {
    const [color, background] = await page.evaluate<[string, string]>(`(() => {
      let element = document.querySelector(${JSON.stringify(selector)});
      const color = getComputedStyle(element).color;
      while (element && getComputedStyle(element).backgroundColor === 'rgba(0, 0, 0, 0)') {
        element = element.parentElement;
      }
      return [color, element ? getComputedStyle(element).backgroundColor : 'rgb(255, 255, 255)'];
    })()`);
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map((value) => {
          const channel = Number(value) / 255;
          return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
    return (light! + 0.05) / (dark! + 0.05);
  }

  /** The system font Chromium drew most of an element's glyphs with (DevTools protocol). */
  async function fontOf(page: Page, selector: string): Promise<string> {
    const session = await page.context().newCDPSession(page);
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument');
    const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
    await session.detach();
    return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0]!.familyName;
  }

  it('shows a Chinese article in Simplified Chinese, the rating right at its claim', async () => {
    const { context, page, problems } = await open(chinese.articleId, 'zh-CN');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.title()).toBe(`\u2068${TITLE_000}\u2069 · 第 2 版`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE_000);
    expect(await texts(page, '.meta')).toEqual([
      '第 2 版 · 发布于 2024年3月8日 10:29 UTC+8 · 山西日报客户端',
    ]);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      '更正与说明',
      '核查的说法与更正',
    ]);
    // Newest first, each dated in words; the ISO value stays in <time datetime>.
    const notices = await texts(page, '.notices li');
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(
      /^编者按 本文问答经整理，图片从略。 第 2 版 · \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC$/,
    );
    expect(notices[1]).toMatch(/^更正 补全“预算草案”的表述。 第 2 版 · /);
    const stamp = await page.locator('.notices time').first().getAttribute('datetime');
    expect(new Date(stamp!).toISOString()).toBe(stamp);

    const badge = page.getByRole('link', { name: '评级：基本正确', exact: true });
    await badge.waitFor();
    expect(await badge.textContent()).toBe('基本正确');
    const place = await badgePlace(page, chinese.rated.id);
    expect(place.after).toBe(chinese.rated.id);
    expect(place.sameLine).toBe(true);
    expect(place.gap).toBeGreaterThanOrEqual(0);
    expect(place.gap).toBeLessThan(12);
    // Where the open claim lies inside the rated one, the mark names both.
    const overlap = page.locator(
      `mark[data-annotation-ids="${chinese.rated.id} ${chinese.open.id}"]`,
    );
    expect(await overlap.textContent()).toBe(chinese.open.exact);
    expect((await overlap.getAttribute('title'))!.split('\n')).toEqual([
      '说法：“境内外21家媒体的44名记者参加了开放日”（评级：基本正确）',
      `说法：“${HOSTILE_STATEMENT}”（待处理）`,
    ]);
    expect(await page.locator(`#annotation-${chinese.open.id} .statement`).textContent()).toBe(
      HOSTILE_STATEMENT,
    );
    expect(await page.evaluate('document.scripts.length')).toBe(0);

    // The inline style sheet applied (the view's policy allows it), and reads at AA contrast.
    expect(
      await page.evaluate('getComputedStyle(document.querySelector("mark.claim")).backgroundColor'),
    ).toBe('rgb(255, 241, 166)');
    const selectors = [
      'a.badge',
      'mark.claim',
      'mark.overlap',
      'mark.correction',
      '.meta',
      '.legend',
    ];
    const ratios = await Promise.all(selectors.map((selector) => contrastOf(page, selector)));
    expect(selectors.filter((_, i) => ratios[i]! < 4.5)).toEqual([]);
    expect(await fontOf(page, 'h1')).toBe('Noto Sans CJK SC');
    await screenshot(page, 'shareable-view-zh.png');

    // From the keyboard: the first link is the rating, and it leads to the claim's entry.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
      '评级：基本正确',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(`**#annotation-${chinese.rated.id}`);
    const entry = page.locator(`#annotation-${chinese.rated.id}`);
    expect(await entry.textContent()).toBe(
      `说法 境内外21家媒体的44名记者参加了开放日 基本正确 （已发布；“${chinese.rated.exact}”）`,
    );
    expect(await entry.isVisible()).toBe(true);
    expect(await page.evaluate('document.querySelector(":target").id')).toBe(
      `annotation-${chinese.rated.id}`,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an English article in English, whatever the browser’s language', async () => {
    const { context, page, problems } = await open(english.articleId, 'zh-CN');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await texts(page, '.meta')).toEqual([
      'Revision 2 · Published 8 March 2024, 10:29 UTC+8 · Shanxi Daily (English desk)',
    ]);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Corrections and notices',
      'Claims and corrections',
    ]);
    expect((await texts(page, '.notices li'))[0]).toMatch(
      /^Clarification Clarified that 44 is .* Revision 2 · \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/,
    );
    const badge = page.getByRole('link', { name: 'Rating: True', exact: true });
    expect(await badge.textContent()).toBe('True');
    const place = await badgePlace(page, english.rated.id);
    expect(place.after).toBe(english.rated.id);
    expect(place.gap).toBeLessThan(12);
    expect(await page.locator(`#annotation-${english.open.id} .statement`).textContent()).toBe(
      HOSTILE_STATEMENT,
    );
    await screenshot(page, 'shareable-view-en.png');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no heading over nothing, and speaks Traditional Chinese on a zh-Hant article', async () => {
    const list = (await (
      await fetch(`${server.url}/v1/articles?limit=500`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { items: Array<{ id: string; language: string; corrections: number }> };
    const traditional = list.items.find((a) => a.language === 'zh-Hant')!;
    const { context, page } = await open(traditional.id);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(0);
    expect(await texts(page, '.meta')).toEqual(['第 1 版']);
    expect(await page.locator('.legend').count()).toBe(0);
    expect(await fontOf(page, 'h1')).toBe('Noto Sans CJK TC');
    await context.close();
  });
});
