import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@marginalia/config';
import { DEV_SECRET_FILE, resolveSigningSecret } from './signing-secret';

describe('where the HS256 secret comes from', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'marginalia-secret-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const resolve = (env: Record<string, string>) =>
    resolveSigningSecret(loadConfig({ DATA_DIR: dataDir, ...env }));

  it('makes a development secret in the data folder when nothing else is set', () => {
    expect(resolve({})).toMatchObject({ source: 'data_folder', created: true });
    expect(existsSync(join(dataDir, DEV_SECRET_FILE))).toBe(true);
  });

  it.each([
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'https://sso.example.org/keys' }],
    [
      'OIDC_ISSUER_URL',
      { OIDC_ISSUER_URL: 'https://sso.example.org', OIDC_CLIENT_ID: 'marginalia-console' },
    ],
  ])('makes none when single sign-on through %s is the only way in', (_name, env) => {
    expect(resolve(env)).toEqual({ source: 'none' });
    expect(existsSync(join(dataDir, DEV_SECRET_FILE))).toBe(false);
  });

  it('uses AUTH_JWT_SECRET beside single sign-on', () => {
    const secret = 'a-secret-of-at-least-thirty-two-bytes!';
    expect(
      resolve({
        AUTH_JWT_SECRET: secret,
        OIDC_ISSUER_URL: 'https://sso.example.org',
        OIDC_CLIENT_ID: 'marginalia-console',
      }),
    ).toEqual({ source: 'environment', secret });
  });
});
