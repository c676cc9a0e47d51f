import { type Browser } from 'playwright-core';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
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
    await page.getByLabel('Access token').fill('not-a-token');
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
