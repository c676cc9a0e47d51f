import { parseArgs } from 'node:util';
import { type MarginaliaConfig } from '@marginalia/config';
// The two files it needs, not the library's index, which loads Nest and both store clients:
// a token is minted in a third of the time.
import { resolveSigningSecret } from '@marginalia/platform/auth/signing-secret';
import { mintToken, parseRoles, parseTtl } from '@marginalia/platform/auth/tokens';

export const MINT_TOKEN_USAGE =
  'mint-token --sub <id> --roles editor,fact_checker [--name <name>] [--ttl 24h]';

export interface MintedToken {
  token: string;
  expiresAt: Date;
  signedWith: string;
}

/**
 * An HS256 token signed with the server's secret: AUTH_JWT_SECRET, or else the development
 * secret of the data folder (made here if the server has not made it yet).
 */
export async function mintTokenCommand(
  args: string[],
  config: MarginaliaConfig,
  now = new Date(),
): Promise<MintedToken> {
  const { values } = parseArgs({
    args,
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '24h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const sub = values.sub?.trim();
  if (!sub) throw new Error('--sub is required');
  if (sub === 'system') throw new Error('The sub "system" is reserved for the process managers');
  const roles = parseRoles(values.roles ?? '');
  const ttlSeconds = parseTtl(values.ttl ?? '24h');
  const secret = resolveSigningSecret(config);
  if (secret.source === 'none') {
    throw new Error(
      'Single sign-on (AUTH_JWKS_URL or OIDC_ISSUER_URL) is set without AUTH_JWT_SECRET: the ' +
        'server accepts only RS256 tokens of the single sign-on, which this command cannot sign',
    );
  }
  const name = values.name?.trim();
  const token = await mintToken(
    secret.secret,
    { sub, roles, ...(name ? { name } : {}) },
    {
      ttlSeconds,
      now,
    },
  );
  return {
    token,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    signedWith: secret.source === 'environment' ? 'AUTH_JWT_SECRET' : secret.file,
  };
}
