import { type Browser } from 'playwright-core';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
import { apiCall } from './support/api-client';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';

describe('the console is served by the built server and signs in with a pasted token', () => {
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

  it('serves the page with a strict Content-Security-Policy and nothing from elsewhere', async () => {
    const response = await fetch(`${server.url}/console/`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const redirect = await fetch(`${server.url}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/console/');
    const missing = await fetch(`${server.url}/console/../../etc/passwd`);
    expect(missing.status).toBe(404);
  });

  it('refuses a token that is not one, in words, and signs in with a real one', async () => {
    const { page, context, problems } = await openConsole(browser, server.url);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.getByLabel('Access token', { exact: true }).fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(page.getByRole('alert'), 'three parts');

    await signInWithToken(page, await server.token({ sub: 'editor-li', roles: ['editor'] }));
    await page.getByRole('link', { name: /山西/ }).first().waitFor();
    expect(await page.getByRole('row').count()).toBe(6);
    expect(requests.every((url) => url.startsWith(server.url))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the development default offers its tokens on the start page, to this machine only', () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    // No AUTH_JWT_SECRET: the server signs with the development secret of its data folder.
    [server, browser] = await Promise.all([
      startConsoleServer({ AUTH_JWT_SECRET: '' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists one development token per role and signs in with a click', async () => {
    const config = (await (await fetch(`${server.url}/console/config.json`)).json()) as {
      developmentTokens?: Array<{ role: string; sub: string; token: string }>;
    };
    expect(config.developmentTokens?.map((entry) => entry.role)).toEqual([
      'editor',
      'fact_checker',
      'standards_editor',
      'auditor',
      'admin',
    ]);
    // Nothing is offered through a reverse proxy on this machine, which forwards anyone.
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
      const proxied = (await (
        await fetch(`${server.url}/console/config.json`, { headers: { [header]: '203.0.113.7' } })
      ).json()) as Record<string, unknown>;
      expect(proxied.developmentTokens).toBeUndefined();
    }
    // Each is a token the API accepts.
    const auditor = config.developmentTokens!.find((entry) => entry.role === 'auditor')!;
    const list = await fetch(`${server.url}/v1/articles`, {
      headers: { Authorization: `Bearer ${auditor.token}` },
    });
    expect(list.status).toBe(200);

    const { page, context, problems } = await openConsole(browser, server.url);
    await page.getByRole('button', { name: 'Sign in as standards editor' }).click();
    await expectText(page.getByRole('banner'), 'standards editor');
    expect(await page.evaluate(() => Object.keys(localStorage))).not.toContain(
      'marginalia.session',
    );
    expect(page.url()).not.toContain(auditor.token.slice(0, 20));
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await context.close();
  });
});

describe('a server with its own secret offers no development token', () => {
  it('answers the console configuration without tokens', async () => {
    const server = await startConsoleServer();
    try {
      const config = (await (await fetch(`${server.url}/console/config.json`)).json()) as Record<
        string,
        unknown
      >;
      expect(config.developmentTokens).toBeUndefined();
      expect(config.ratings).toEqual(
        expect.arrayContaining([{ id: 'true', label: 'True', value: 5 }]),
      );
    } finally {
      await server.close();
    }
  });
});

describe('a burst of changes in the log', () => {
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

  it('is followed by a few reloads of the page, not one request per change', async () => {
    const article = 'e2b6c002-820f-51ce-a1ec-fd82caa61a41';
    const { page, context, problems } = await openConsole(browser, server.url, {
      path: `/console/#/articles/${article}`,
    });
    await signInWithToken(page, await server.token({ sub: 'editor-li', roles: ['editor'] }));
    await expectText(page.getByRole('status').filter({ hasText: 'Live' }), 'Live');
    const views: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/v1/articles/${article}/view`)) views.push(request.url());
    });

    // Another desk captures 40 claims, one after another, as fast as the API answers.
    const checker = await server.token({ sub: 'checker-wang', roles: ['fact_checker'] });
    const CLAIMS = 40;
    for (let i = 0; i < CLAIMS; i++) {
      await apiCall(server, checker, 'POST', `/v1/articles/${article}/claims`, {
        selector: { start: 200 + i * 20, end: 202 + i * 20 },
      });
    }
    // The page shows every one of them, through a handful of reloads.
    const deadline = Date.now() + 15_000;
    while ((await page.locator('a[href^="#/claims/"]').count()) < CLAIMS) {
      if (Date.now() > deadline) throw new Error('the reader did not show the 40 claims');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(views.length).toBeGreaterThan(0);
    expect(views.length).toBeLessThan(CLAIMS / 2);
    expect(problems).toEqual([]);
    await context.close();
  });
});
