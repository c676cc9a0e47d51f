/**
 * A real OpenID provider for the console's single sign-on tests: `oidc-provider` (v9) with one
 * public client (no secret, PKCE required), one newsroom account, a minimal login and consent
 * page of its own (the package's development pages load a web font from the internet), and
 * RS256 JWT access tokens that carry the account's `roles` and `name`, as a newsroom's
 * provider is configured for Marginalia (docs/single-sign-on.md).
 *
 * Run as a child process: it listens on an ephemeral port of 127.0.0.1 and prints
 * `issuer <url>`; then it reads one line on stdin, the console's redirect URI
 * (`<origin>/console/`), registers the client with it and prints `ready`. Until then it
 * answers 503, as a provider that is down does. So the admin API can start with
 * OIDC_ISSUER_URL before the provider knows the console's port.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider, { errors } from 'oidc-provider';

/** The client and the accounts, as test/console/support/oidc-provider-process.ts gives them. */
const { clientId, accounts } = JSON.parse(process.env.OIDC_TEST_PROVIDER);

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
let provider;
/** The provider's own routes (Koa's request handler, made once). */
let providerRoutes;
server.on('request', (req, res) => {
  if (!providerRoutes) {
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('starting');
    return;
  }
  if (req.url === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
    return;
  }
  providerRoutes(req, res);
});
process.stdout.write(`issuer ${issuer}\n`);

const redirectUri = await new Promise((resolve) =>
  createInterface({ input: process.stdin }).once('line', (line) => resolve(line.trim())),
);
const consoleOrigin = new URL(redirectUri).origin;
/** The resource server Marginalia's access tokens are for: the admin API. */
const audience = `${consoleOrigin}/v1`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_name: 'Marginalia console',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: {
    keys: [
      { ...privateKey.export({ format: 'jwk' }), kid: 'test-provider-1', use: 'sig', alg: 'RS256' },
    ],
  },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name'] },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // The console sends no `resource`: the admin API is the default one, and the code's
      // token is for it even though `openid` was asked for.
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== audience) throw new errors.InvalidTarget();
        return {
          audience,
          scope: 'marginalia',
          accessTokenTTL: 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) => {
    const account = accounts[sub];
    return account && { accountId: sub, claims: () => ({ sub, name: account.name }) };
  },
  // Marginalia's claims in the access token: its roles, and the name the console shows.
  extraTokenClaims: (_ctx, token) => {
    const account = token.kind === 'AccessToken' ? accounts[token.accountId] : undefined;
    return account && { roles: account.roles, name: account.name };
  },
  // Discovery is open to every origin; the token endpoint only to the client's own.
  clientBasedCORS: (_ctx, origin, client) =>
    client.redirectUris.some((uri) => new URL(uri).origin === origin),
});
providerRoutes = provider.callback();
process.stdout.write('ready\n');

/** The provider's own sign-in and consent pages: a form each, no script. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt } = details;
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(prompt.name === 'login' ? loginPage(uid) : consentPage(uid));
    return;
  }
  const form = new URLSearchParams(await body(req));
  if (prompt.name === 'login') {
    const login = form.get('username') ?? '';
    if (accounts[login]?.password !== form.get('password')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(loginPage(uid, 'Unknown username or wrong password.'));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      {
        mergeWithLastSubmission: false,
      },
    );
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({
        accountId: details.session.accountId,
        clientId: details.params.client_id,
      });
  if (prompt.details.missingOIDCScope)
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    {
      mergeWithLastSubmission: true,
    },
  );
}

function body(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function page(title, content) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${content}</main></body></html>`;
}

function loginPage(uid, problem) {
  return page(
    'Newsroom sign-in',
    `${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<p><label>Username <input name="username" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Log in</button></p>
</form>`,
  );
}

function consentPage(uid) {
  return page(
    'Allow Marginalia console?',
    `<p>Marginalia console asks to know who you are and to act with your newsroom roles.</p>
<form method="post" action="/interaction/${uid}"><button type="submit">Allow</button></form>`,
  );
}
