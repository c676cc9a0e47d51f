import { HttpException } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { type Actor, type Role } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-secret-for-the-verifier-of-32-bytes';
const OTHER_SECRET = 'another-secret-for-a-verifier-32-bytes';
const T0 = Date.UTC(2024, 2, 9, 8, 0, 0);
const standards: Actor = { sub: 'standards-zhang', name: '张标准', roles: ['standards_editor'] };

/** A settable clock, in milliseconds. */
function clock(at = T0) {
  const now = { at };
  return { now, read: () => now.at };
}

function hs256(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT({ roles: ['editor'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('editor-li')
    .sign(new TextEncoder().encode(secret));
}

/** What a verification answers: the actor, or the refusal's status, code and detail. */
async function outcome(verifier: TokenVerifier, token: string) {
  try {
    return { actor: await verifier.verify(`Bearer ${token}`) };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    const body = error.getResponse() as { code: string; detail: string };
    return { status: error.getStatus(), code: body.code, detail: body.detail };
  }
}

describe('the token verifier’s memory of verified tokens', () => {
  it('answers a remembered token’s actor again, a fresh copy each time', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const token = await mintToken(SECRET, standards, { ttlSeconds: 600 });
    for (let request = 0; request < 3; request += 1) {
      const actor = await verifier.verify(`Bearer ${token}`);
      expect(actor).toEqual(standards);
      expect(verifier.remembered).toBe(1);
      // A request that changed its actor (readonly for TypeScript) changes no other request's.
      (actor.roles as Role[]).push('admin');
      Object.assign(actor, { sub: 'someone-else' });
    }
  });

  it('agrees with a verifier that remembers nothing at every second around nbf and exp, forwards and backwards', async () => {
    const time = clock();
    const remembering = new TokenVerifier({ hs256Secret: SECRET, now: time.read });
    const forgetful = new TokenVerifier({ hs256Secret: SECRET, now: time.read, cacheSize: 0 });
    const t0 = T0 / 1000;
    const token = await hs256({ nbf: t0 + 100, exp: t0 + 200 });
    // Across both edges (30 s of clock tolerance each), then back before nbf.
    const seconds = [
      ...Array.from({ length: 21 }, (_, i) => 60 + i),
      ...Array.from({ length: 21 }, (_, i) => 220 + i),
      ...Array.from({ length: 21 }, (_, i) => 80 - i),
    ];
    const accepted: number[] = [];
    for (const second of seconds) {
      time.now.at = (t0 + second) * 1000;
      const expected = await outcome(forgetful, token);
      expect({ second, ...(await outcome(remembering, token)) }).toEqual({ second, ...expected });
      if ('actor' in expected) accepted.push(second);
    }
    // Both edges were crossed: accepted from nbf − 30 s until exp + 30 s, and not beyond.
    expect(Math.min(...accepted)).toBe(70);
    expect(Math.max(...accepted)).toBe(229);
    expect(await outcome(remembering, token)).toMatchObject({ status: 401, detail: /nbf/ });
  });

  it('refuses a remembered token once it has expired', async () => {
    const time = clock();
    const verifier = new TokenVerifier({ hs256Secret: SECRET, now: time.read });
    const token = await mintToken(SECRET, standards, { ttlSeconds: 60, now: new Date(T0) });
    expect(await outcome(verifier, token)).toEqual({ actor: standards });
    time.now.at = T0 + 90_000;
    expect(await outcome(verifier, token)).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'The token has expired',
    });
    expect(verifier.remembered).toBe(0);
  });

  it('refuses a token signed with another key, or with another signature, whatever it remembers', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const token = await mintToken(SECRET, standards, { ttlSeconds: 600 });
    expect(await outcome(verifier, token)).toEqual({ actor: standards });
    // Another server's verifier remembers nothing of this one's.
    const elsewhere = new TokenVerifier({ hs256Secret: OTHER_SECRET });
    expect(await outcome(elsewhere, token)).toMatchObject({ status: 401 });
    // The same header and claims with another key's signature.
    const forged = await mintToken(OTHER_SECRET, standards, { ttlSeconds: 600 });
    const [header, payload] = token.split('.');
    const alike = `${header}.${payload}.${forged.split('.')[2]}`;
    expect(await outcome(verifier, alike)).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'The token is not signed with a key this server trusts',
    });
  });

  it('gives a new token’s roles, not the roles a remembered token of the same sub had', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const before = await mintToken(SECRET, standards, { ttlSeconds: 600 });
    expect((await verifier.verify(`Bearer ${before}`)).roles).toEqual(['standards_editor']);
    const demoted = { ...standards, roles: ['editor' as const] };
    const after = await mintToken(SECRET, demoted, { ttlSeconds: 600 });
    expect((await verifier.verify(`Bearer ${after}`)).roles).toEqual(['editor']);
    expect((await verifier.verify(`Bearer ${after}`)).roles).toEqual(['editor']);
  });

  it('remembers at most cacheSize tokens', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET, cacheSize: 3 });
    for (let i = 0; i < 5; i += 1) {
      const token = await mintToken(
        SECRET,
        { ...standards, sub: `editor-${i}` },
        { ttlSeconds: 600 },
      );
      await verifier.verify(`Bearer ${token}`);
    }
    expect(verifier.remembered).toBe(3);
  });

  it('remembers no refusal, also of a well-signed token with an unknown role', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const forged = await mintToken(OTHER_SECRET, standards, { ttlSeconds: 600 });
    const exp = Math.floor(Date.now() / 1000) + 600;
    const publisher = await hs256({ roles: ['editor', 'publisher'], exp });
    for (const token of [forged, forged, publisher, publisher]) {
      expect(await outcome(verifier, token)).toMatchObject({ status: 401 });
    }
    expect(verifier.remembered).toBe(0);
  });
});

describe('the token verifier’s memory of RS256 tokens (AUTH_JWKS_URL)', () => {
  let jwks: Server;
  let jwksUrl: string;
  let served: { keys: JWK[] } | undefined;
  let newsroomKey: KeyLike;
  let newsroomJwk: JWK;
  let rotatedJwk: JWK;

  beforeAll(async () => {
    const newsroom = await generateKeyPair('RS256');
    newsroomKey = newsroom.privateKey;
    newsroomJwk = { ...(await exportJWK(newsroom.publicKey)), kid: 'newsroom-1', alg: 'RS256' };
    const rotated = await generateKeyPair('RS256');
    rotatedJwk = { ...(await exportJWK(rotated.publicKey)), kid: 'newsroom-2', alg: 'RS256' };
    jwks = createServer((_req, res) => {
      if (!served) {
        res.statusCode = 500;
        res.end();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  const rs256 = () =>
    new SignJWT({ roles: ['fact_checker'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'newsroom-1' })
      .setSubject('checker-wang')
      .setExpirationTime('10m')
      .sign(newsroomKey);

  it.each([
    ['no longer has its key', () => ({ keys: [rotatedJwk] })],
    ['has another key under its kid', () => ({ keys: [{ ...rotatedJwk, kid: 'newsroom-1' }] })],
  ])('refuses a remembered token once the key set fetched again %s', async (_case, rotation) => {
    served = { keys: [newsroomJwk] };
    // A key set older than 0 ms is fetched again at every verification.
    const verifier = new TokenVerifier({ jwksUrl, jwksMaxAgeMs: 0 });
    const token = await rs256();
    expect(await outcome(verifier, token)).toMatchObject({ actor: { sub: 'checker-wang' } });
    expect(await outcome(verifier, token)).toMatchObject({ actor: { sub: 'checker-wang' } });
    expect(verifier.remembered).toBe(1);
    served = rotation();
    expect(await outcome(verifier, token)).toEqual({
      status: 401,
      code: 'unauthenticated',
      detail: 'The token is not signed with a key this server trusts',
    });
  });

  it('answers 503 for a remembered token when its key set cannot be fetched again', async () => {
    served = { keys: [newsroomJwk] };
    const verifier = new TokenVerifier({ jwksUrl, jwksMaxAgeMs: 0 });
    const token = await rs256();
    expect(await outcome(verifier, token)).toMatchObject({ actor: { sub: 'checker-wang' } });
    served = undefined;
    expect(await outcome(verifier, token)).toMatchObject({
      status: 503,
      code: 'authentication_unavailable',
    });
  });
});
