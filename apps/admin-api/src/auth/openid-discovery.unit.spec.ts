import { HttpException, Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { discoveryUrl } from './openid-discovery';
import { TokenVerifier } from './token-verifier';

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

describe('RS256 tokens of the OpenID provider found by discovery (OIDC_ISSUER_URL alone)', () => {
  let provider: Server;
  let issuer: string;
  /** What the provider answers now; `down` answers 503 to everything. */
  let state: { down: boolean; issuer?: string; jwksPath: string };
  let requests: string[];
  let providerKey: KeyLike;
  let providerJwk: JWK;

  beforeAll(async () => {
    // The discovery's log lines are for operators; the assertions below say what happened.
    Logger.overrideLogger(false);
    const pair = await generateKeyPair('RS256');
    providerKey = pair.privateKey;
    providerJwk = { ...(await exportJWK(pair.publicKey)), kid: 'provider-1', alg: 'RS256' };
    provider = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (state.down) {
        res.statusCode = 503;
        res.end();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/realms/newsroom/.well-known/openid-configuration') {
        res.end(
          JSON.stringify({
            issuer: state.issuer ?? issuer,
            jwks_uri: `${issuer}${state.jwksPath}`,
          }),
        );
      } else if (req.url === '/realms/newsroom/keys') {
        res.end(JSON.stringify({ keys: [providerJwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/realms/newsroom`;
  });
  beforeEach(() => {
    state = { down: false, jwksPath: '/keys' };
    requests = [];
  });
  afterAll(() => new Promise((resolve) => provider.close(resolve)));

  const signed = (claims: { iss?: string } = {}) =>
    new SignJWT({ roles: ['standards_editor'], name: 'Li Wen' })
      .setProtectedHeader({ alg: 'RS256', kid: 'provider-1', typ: 'at+jwt' })
      .setSubject('sso-standards-li')
      .setIssuer(claims.iss ?? issuer)
      .setExpirationTime('10m')
      .sign(providerKey);

  it('finds the key set at the first token, not before, and verifies the provider’s tokens', async () => {
    const verifier = new TokenVerifier({ oidcIssuer: issuer });
    expect(requests).toEqual([]);
    expect(await outcome(verifier, await signed())).toEqual({
      actor: { sub: 'sso-standards-li', name: 'Li Wen', roles: ['standards_editor'] },
    });
    expect(requests).toEqual([
      '/realms/newsroom/.well-known/openid-configuration',
      '/realms/newsroom/keys',
    ]);
    // Discovery is done once; jose keeps the key set.
    await outcome(verifier, await signed());
    expect(requests).toHaveLength(2);
  });

  it('refuses a token of the same keys that names another issuer', async () => {
    const verifier = new TokenVerifier({ oidcIssuer: issuer });
    expect(await outcome(verifier, await signed({ iss: 'http://127.0.0.1/realms/other' }))).toEqual(
      {
        status: 401,
        code: 'unauthenticated',
        detail: 'The token’s iss claim is not the single sign-on’s issuer',
      },
    );
  });

  it('refuses tokens while the provider is down, and accepts them once it answers', async () => {
    state.down = true;
    const verifier = new TokenVerifier({ oidcIssuer: issuer, discoveryRetryMs: 0 });
    const token = await signed();
    expect(await outcome(verifier, token)).toMatchObject({
      status: 503,
      code: 'authentication_unavailable',
    });
    state.down = false;
    expect(await outcome(verifier, token)).toMatchObject({ actor: { sub: 'sso-standards-li' } });
  });

  it('does not ask a provider that failed again before discoveryRetryMs', async () => {
    state.down = true;
    const verifier = new TokenVerifier({ oidcIssuer: issuer, discoveryRetryMs: 60_000 });
    const token = await signed();
    await outcome(verifier, token);
    state.down = false;
    expect(await outcome(verifier, token)).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it('refuses a discovery document that names another issuer (OpenID Discovery §4.3)', async () => {
    state.issuer = 'https://impostor.example.org/realms/newsroom';
    const verifier = new TokenVerifier({ oidcIssuer: issuer, discoveryRetryMs: 0 });
    expect(await outcome(verifier, await signed())).toMatchObject({
      status: 503,
      code: 'authentication_unavailable',
    });
    expect(requests).toEqual(['/realms/newsroom/.well-known/openid-configuration']);
  });

  it('uses AUTH_JWKS_URL instead of discovery when both are set', async () => {
    const verifier = new TokenVerifier({ oidcIssuer: issuer, jwksUrl: `${issuer}/keys` });
    expect(await outcome(verifier, await signed())).toMatchObject({
      actor: { sub: 'sso-standards-li' },
    });
    expect(requests).toEqual(['/realms/newsroom/keys']);
  });

  it('keeps HS256 tokens working beside the provider’s', async () => {
    const secret = 'a-secret-for-the-verifier-of-32-bytes';
    const verifier = new TokenVerifier({ hs256Secret: secret, oidcIssuer: issuer });
    const token = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('editor-li')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    expect(await outcome(verifier, token)).toEqual({
      actor: { sub: 'editor-li', roles: ['editor'] },
    });
    expect(requests).toEqual([]);
  });

  it('reads the discovery document under the issuer, with or without its trailing slash', () => {
    expect(discoveryUrl('https://sso.example.org/')).toBe(
      'https://sso.example.org/.well-known/openid-configuration',
    );
    expect(discoveryUrl('https://sso.example.org/realms/newsroom')).toBe(
      'https://sso.example.org/realms/newsroom/.well-known/openid-configuration',
    );
  });
});
