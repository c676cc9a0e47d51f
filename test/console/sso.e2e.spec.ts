import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { expectText, launchBrowser, openConsole } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import {
  type OidcTestProvider,
  SSO_ACCOUNT,
  SSO_ACCOUNT_WITHOUT_ROLE,
  SSO_CLIENT_ID,
  startOidcProvider,
} from './support/oidc-provider-process';
import { lowContrastTexts } from './support/contrast';

const screenshots = process.env.CONSOLE_SCREENSHOTS ?? tmpdir();

/** A JWT's header and claims, unverified: what the test looks at in the console's token. */
function decoded(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map(
      (part) =>
        JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>,
    );
  return { header: header!, claims: claims! };
}

/** Everything this tab keeps in both storages of the console's origin. */
function storages(page: Page) {
  return page.evaluate(() => ({
    session: Object.fromEntries(Object.entries(sessionStorage)),
    local: Object.fromEntries(Object.entries(localStorage)),
  }));
}

describe('single sign-on by OpenID Connect with PKCE, against a real provider', () => {
  let provider: OidcTestProvider;
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    // The API starts knowing the issuer (it discovers the key set at the first token); the
    // provider learns the console's redirect URI once the API's port is known.
    provider = await startOidcProvider();
    [server, browser] = await Promise.all([
      startConsoleServer({ OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: SSO_CLIENT_ID }),
      launchBrowser(),
    ]);
    await provider.allow(`${server.url}/console/`);
    await corpusReady(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.stop();
  });

  /**
   * From the start page to the provider's sign-in page, as a person clicks; answers the
   * authorization request the console sent there.
   */
  async function goToProvider(page: Page): Promise<URL> {
    const authorization = page.waitForRequest((request) =>
      request.url().startsWith(`${provider.issuer}/auth?`),
    );
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    return new URL((await authorization).url());
  }

  /** The provider's sign-in and consent, after which it sends the browser back. */
  async function signInAtProvider(page: Page, account = SSO_ACCOUNT): Promise<void> {
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
  }

  /** Waits for the console to be signed in, or fails at once with the refusal it shows. */
  async function signedIn(page: Page): Promise<void> {
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.or(page.getByRole('alert')).first().waitFor();
    if (!(await signOut.isVisible())) {
      throw new Error(`Not signed in: ${await page.getByRole('alert').first().textContent()}`);
    }
  }

  it('signs in at the provider and comes back as the standards editor, the token nowhere but this tab', async () => {
    const { page, context, problems } = await openConsole(browser, server.url, {
      path: '/console/#desk',
    });
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    await page.screenshot({ path: join(screenshots, 'sign-in-sso-en.png') });
    const authorization = await goToProvider(page);
    // What the console asked for: a code for this public client, bound to a S256 challenge.
    expect(Object.fromEntries(authorization.searchParams)).toEqual({
      response_type: 'code',
      client_id: SSO_CLIENT_ID,
      redirect_uri: `${server.url}/console/`,
      scope: 'openid profile',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    await signInAtProvider(page);

    await signedIn(page);
    await expectText(page.locator('header .who'), `${SSO_ACCOUNT.name} (standards editor)`);
    // Back where sign-in started, with the code and state gone from the address and history.
    expect(page.url()).toBe(`${server.url}/console/#desk`);
    await page.getByRole('link', { name: 'Articles' }).click();
    await page.getByRole('link', { name: /山西/ }).first().waitFor();
    expect(await page.getByRole('row').count()).toBe(6);
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'signed-in-sso-en.png') });

    const kept = await storages(page);
    const { token } = JSON.parse(kept.session['marginalia.session']) as { token: string };
    expect(Object.keys(kept.session)).toEqual(['marginalia.session']);
    expect(JSON.stringify(kept.local)).not.toContain(token);
    // The provider's RS256 access token, for the API, with the account's roles.
    expect(decoded(token).header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(decoded(token).claims).toMatchObject({
      iss: provider.issuer,
      sub: SSO_ACCOUNT.username,
      roles: ['standards_editor'],
      name: SSO_ACCOUNT.name,
    });
    // No address the tab visited carried the token; the console's own never held the code.
    expect(visited.some((url) => url.includes(token))).toBe(false);
    const consoleAddresses = visited.filter((url) => url.startsWith(server.url));
    expect(consoleAddresses.filter((url) => /[?&](code|state)=/.test(url))).toHaveLength(1);
    expect(page.url()).not.toMatch(/code=|state=|token/);
    await page.getByLabel('Language').selectOption('zh-Hans');
    await expectText(page.locator('header .who'), `${SSO_ACCOUNT.name}（标准编辑）`);
    await page.screenshot({ path: join(screenshots, 'signed-in-sso-zh.png') });
    // Nothing was blocked by the page's Content-Security-Policy, nothing failed.
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses an answer whose state was tampered with, in words in both languages', async () => {
    const { page, context } = await openConsole(browser, server.url);
    // Whoever sits between the provider and the console swaps the state of the answer.
    // The tab started a sign-in; an attacker's authorization request with another state is
    // answered instead (login CSRF: the attacker's code, sent to the victim's console).
    const authorization = await goToProvider(page);
    authorization.searchParams.set('state', 'the-attackers-state');
    await page.goto(authorization.toString());
    await signInAtProvider(page);

    await expectText(page.getByRole('alert'), 'does not belong to the sign-in this tab started');
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(page.url()).toBe(`${server.url}/console/`);
    expect(await storages(page)).toEqual({ session: {}, local: {} });
    await page.screenshot({ path: join(screenshots, 'sign-in-sso-refused-en.png') });
    await page.getByLabel('Language').selectOption('zh-Hans');
    await expectText(page.getByRole('alert'), '与本标签页发起的登录不符，已被拒绝');
    await page.screenshot({ path: join(screenshots, 'sign-in-sso-refused-zh.png') });
    await context.close();
  });

  it('gets no token for a code sent without this tab’s PKCE verifier', async () => {
    const { page, context } = await openConsole(browser, server.url);
    // As if the code had been stolen on its way: whoever redeems it lacks the verifier.
    await page.route(`${provider.issuer}/token`, (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      form.set('code_verifier', 'a'.repeat(43));
      return route.continue({ postData: form.toString() });
    });
    await goToProvider(page);
    await signInAtProvider(page);
    await expectText(page.getByRole('alert'), 'The sign-in provider did not give a token');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(page.url()).toBe(`${server.url}/console/`);
    await context.close();
  });

  it('says so when the provider’s token gives the person no Marginalia role', async () => {
    const { page, context } = await openConsole(browser, server.url);
    await goToProvider(page);
    await signInAtProvider(page, SSO_ACCOUNT_WITHOUT_ROLE);
    await expectText(page.getByRole('alert'), 'has no Marginalia role in its access token');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await storages(page)).toEqual({ session: {}, local: {} });
    await context.close();
  });

  it('refuses an answer this tab never asked for', async () => {
    const { page, context } = await openConsole(browser, server.url, {
      path: '/console/?code=stolen&state=guessed',
    });
    await expectText(page.getByRole('alert'), 'was not started in this tab');
    expect(page.url()).toBe(`${server.url}/console/`);
    await context.close();
  });

  it('shows the start page with single sign-on in Chinese', async () => {
    const { page, context, problems } = await openConsole(browser, server.url, {
      locale: 'zh-CN',
    });
    await page.getByRole('button', { name: '使用单点登录' }).waitFor();
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'sign-in-sso-zh.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
