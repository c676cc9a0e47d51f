import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { base64url, exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { type Role } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { importArticle, importOf000, reimportOf000 } from './support/article-requests';

const SECRET = 'a-newsroom-secret-of-at-least-32-bytes';

function hs256(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['editor'], ...claims })
    .setProtectedHeader({ alg })
    .setSubject((claims.sub as string | undefined) ?? 'editor-li')
    .setIssuedAt(now)
    .setExpirationTime((claims.exp as number | undefined) ?? now + 600)
    .sign(new TextEncoder().encode(secret));
}

function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('authentication with HS256 (AUTH_JWT_SECRET)', () => {
  let api: RunningAdminApi;

  beforeAll(async () => {
    api = await startAdminApi({ AUTH_JWT_SECRET: SECRET });
  });

  afterAll(() => api.stop());

  /** Tries an import with an Authorization header; checks the answer and that nothing was appended. */
  async function importWith(authorization: string | undefined, status: number, code: string) {
    const head = await api.headPosition();
    const attempt = request(api.url).post('/v1/articles');
    if (authorization !== undefined) attempt.set('Authorization', authorization);
    const response = await attempt.send(importOf000(`auth-${status}-${code}`));
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await api.headPosition()).toBe(head);
    return response;
  }

  it('does not create a development secret when AUTH_JWT_SECRET is set', () => {
    expect(existsSync(join(api.config.dataDir, 'jwt-secret'))).toBe(false);
  });

  it('lets an editor with a valid token import', async () => {
    const response = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', `Bearer ${await hs256({ name: '李编辑' })}`)
      .send(importOf000('valid'))
      .expect(201);
    expect(response.body.version).toBe(0);
  });

  it('answers 401 with WWW-Authenticate when there is no token', async () => {
    const response = await importWith(undefined, 401, 'unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="marginalia"');
  });

  it.each([
    ['another scheme', 'Basic ZWRpdG9yLWxpOnNlY3JldA=='],
    ['an empty bearer', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['a JWT with a broken payload', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30x.abc'],
  ])('answers 401 unauthenticated for %s', async (_case, authorization) => {
    await importWith(authorization, 401, 'unauthenticated');
  });

  it('answers 401 for an expired token', async () => {
    const expired = await hs256({ exp: Math.floor(Date.now() / 1000) - 3600 });
    const response = await importWith(`Bearer ${expired}`, 401, 'unauthenticated');
    expect(response.body.detail).toMatch(/expired/);
  });

  it('answers 401 for a token forged with another secret', async () => {
    const forged = await hs256({}, 'another-secret-of-at-least-32-bytes!!');
    await importWith(`Bearer ${forged}`, 401, 'unauthenticated');
  });

  it('answers 401 for a token whose signature was tampered with', async () => {
    const token = await hs256({});
    const [header, , signature] = token.split('.');
    const payload = base64url.encode(
      JSON.stringify({ sub: 'editor-li', roles: ['standards_editor'], exp: 9999999999 }),
    );
    await importWith(`Bearer ${header}.${payload}.${signature}`, 401, 'unauthenticated');
  });

  it('answers 401 for an unsigned token (alg: none)', async () => {
    const token = unsigned({
      sub: 'editor-li',
      roles: ['editor'],
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    await importWith(`Bearer ${token}`, 401, 'unauthenticated');
  });

  it('answers 401 for a token signed with the right secret but another algorithm (HS512)', async () => {
    await importWith(`Bearer ${await hs256({}, SECRET, 'HS512')}`, 401, 'unauthenticated');
  });

  it('answers 401 for an RS256 token when no key set is configured', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('editor-li')
      .setExpirationTime('10m')
      .sign(privateKey);
    await importWith(`Bearer ${token}`, 401, 'unauthenticated');
  });

  it.each([
    ['an unknown role', { roles: ['editor', 'publisher'] }],
    ['roles that are not an array', { roles: 'editor' }],
    ['no roles', { roles: [] }],
    ['the sub of the process managers', { sub: 'system' }],
  ])('answers 401 for a token with %s', async (_case, claims) => {
    await importWith(`Bearer ${await hs256(claims)}`, 401, 'unauthenticated');
  });

  it('answers 401 for a token without exp', async () => {
    const token = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('editor-li')
      .sign(new TextEncoder().encode(SECRET));
    await importWith(`Bearer ${token}`, 401, 'unauthenticated');
  });

  it.each<Role>(['fact_checker', 'auditor', 'admin'])(
    'answers 403 forbidden when the %s role imports or re-imports',
    async (role) => {
      const forbidden = await importWith(`Bearer ${await api.token(role)}`, 403, 'forbidden');
      expect(forbidden.body).toMatchObject({ action: 'article.import' });
      const { id } = await importArticle(api, `forbidden-${role}`);
      const head = await api.headPosition();
      const response = await request(api.url)
        .post(`/v1/articles/${id}/revisions`)
        .set('Authorization', `Bearer ${await api.token(role)}`)
        .send(reimportOf000)
        .expect(403);
      expect(response.body).toMatchObject({ code: 'forbidden', action: 'article.revise' });
      expect(await api.headPosition()).toBe(head);
    },
  );

  it('refuses a forbidden caller before reading its body', async () => {
    const response = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', `Bearer ${await api.token('auditor')}`)
      .set('Content-Type', 'text/plain')
      .send('not even JSON')
      .expect(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('lets a standards editor import, as an editor may', async () => {
    await request(api.url)
      .post('/v1/articles')
      .set('Authorization', `Bearer ${await api.token('standards_editor')}`)
      .send(importOf000('standards'))
      .expect(201);
  });

  it('lets every role read an article', async () => {
    const { id } = await importArticle(api, 'readers');
    for (const role of Object.keys(users) as Role[]) {
      await request(api.url)
        .get(`/v1/articles/${id}`)
        .set('Authorization', `Bearer ${await api.token(role)}`)
        .expect(200);
    }
  });

  it('needs no token for /health, /docs and /docs-json', async () => {
    await request(api.url).get('/health').expect(200);
    await request(api.url).get('/docs').expect(200);
    await request(api.url).get('/docs-json').expect(200);
  });
});

describe('authentication with RS256 through AUTH_JWKS_URL', () => {
  let jwks: Server;
  let jwksUrl: string;
  let newsroomKey: KeyLike;
  let strangerKey: KeyLike;
  let fetches = 0;

  beforeAll(async () => {
    const newsroom = await generateKeyPair('RS256');
    newsroomKey = newsroom.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = {
      ...(await exportJWK(newsroom.publicKey)),
      kid: 'newsroom-2024',
      alg: 'RS256',
      use: 'sig',
    };
    jwks = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  function rs256(key: KeyLike, claims: Record<string, unknown> = {}) {
    return new SignJWT({ roles: ['editor'], name: '李编辑', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'newsroom-2024' })
      .setSubject('editor-li')
      .setExpirationTime('10m')
      .sign(key);
  }

  it('accepts the single sign-on’s tokens, caching its key set, and refuses others', async () => {
    const api = await startAdminApi({ AUTH_JWKS_URL: jwksUrl });
    try {
      const created = await request(api.url)
        .post('/v1/articles')
        .set('Authorization', `Bearer ${await rs256(newsroomKey)}`)
        .send(importOf000('sso'))
        .expect(201);
      await request(api.url)
        .get(`/v1/articles/${created.body.id}`)
        .set('Authorization', `Bearer ${await rs256(newsroomKey, { roles: ['auditor'] })}`)
        .expect(200);
      expect(fetches).toBe(1);

      const head = await api.headPosition();
      const stranger = await request(api.url)
        .post('/v1/articles')
        .set('Authorization', `Bearer ${await rs256(strangerKey)}`)
        .send(importOf000('stranger'))
        .expect(401);
      expect(stranger.body.code).toBe('unauthenticated');
      const hs = await hs256({}, 'some-secret-that-is-at-least-32-bytes');
      await request(api.url)
        .post('/v1/articles')
        .set('Authorization', `Bearer ${hs}`)
        .send(importOf000('hs'))
        .expect(401);
      expect(await api.headPosition()).toBe(head);
      // Single sign-on only: no development secret is made, so no HS256 token is accepted.
      expect(existsSync(join(api.config.dataDir, 'jwt-secret'))).toBe(false);
    } finally {
      await api.stop();
    }
  });

  it('accepts both kinds when AUTH_JWT_SECRET is set too', async () => {
    const api = await startAdminApi({ AUTH_JWKS_URL: jwksUrl, AUTH_JWT_SECRET: SECRET });
    try {
      const { id } = await importArticle(api, 'both');
      await request(api.url)
        .get(`/v1/articles/${id}`)
        .set('Authorization', `Bearer ${await rs256(newsroomKey)}`)
        .expect(200);
      await request(api.url)
        .get(`/v1/articles/${id}`)
        .set('Authorization', `Bearer ${await hs256({})}`)
        .expect(200);
    } finally {
      await api.stop();
    }
  });
});
