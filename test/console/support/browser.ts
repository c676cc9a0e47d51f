/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Page functions passed to page.evaluate run in the browser: the tests type them with the DOM.
import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it), driven by Playwright's
 * core library: no browser is downloaded. CHROMIUM_PATH points elsewhere when needed.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found: install Debian’s package (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH',
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root on CI has no user namespace for Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Console messages and page errors, for the failure message of a test. */
  problems: string[];
}

/** A fresh browser profile at 1280×900 in `locale`, with the console's problems collected. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  options: { locale?: string; path?: string } = {},
): Promise<ConsoleTab> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${baseUrl}${options.path ?? '/console/'}`);
  return { context, page, problems };
}

/** Signs in by pasting `token` into the start page, as a person does. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Access token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Waits (up to `timeoutMs`) until `locator`'s first element's text contains `expected`; fails
 * with the text it last saw. Jest has no Playwright matchers, so this is the polling assertion.
 */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  for (;;) {
    seen = await locator
      .first()
      .textContent({ timeout: Math.max(100, deadline - Date.now()) })
      .catch(() => null);
    const ok =
      seen !== null &&
      (typeof expected === 'string' ? seen.includes(expected) : expected.test(seen));
    if (ok) return seen!;
    if (Date.now() > deadline) {
      throw new Error(
        `Expected text ${String(expected)} in ${locator.toString()}, saw ${JSON.stringify(seen)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
