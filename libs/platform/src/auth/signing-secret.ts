import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';

/** The development secret's file in the data folder, beside the event log. */
export const DEV_SECRET_FILE = 'jwt-secret';

/** Where the HS256 secret comes from; `none` when only the single sign-on's RS256 tokens count. */
export type SigningSecret =
  | { source: 'environment'; secret: string }
  | { source: 'data_folder'; secret: string; file: string; created: boolean }
  | { source: 'none' };

export const SIGNING_SECRET = Symbol('SigningSecret');

/**
 * AUTH_JWT_SECRET when set. Otherwise, unless the newsroom's single sign-on (AUTH_JWKS_URL, or
 * OIDC_ISSUER_URL's discovered key set) is the only way in, a random secret kept in the data
 * folder (mode 0600) so that a newcomer can mint tokens at once and they survive restarts.
 * The server and the CLI share it this way.
 */
export function resolveSigningSecret(config: MarginaliaConfig): SigningSecret {
  if (config.auth.jwtSecret !== undefined) {
    return { source: 'environment', secret: config.auth.jwtSecret };
  }
  const singleSignOnOnly = config.auth.jwksUrl !== undefined || config.auth.oidc !== undefined;
  if (singleSignOnOnly) return { source: 'none' };
  return { source: 'data_folder', ...developmentSecret(config.dataDir) };
}

function developmentSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DEV_SECRET_FILE);
  const created = createOnce(file, `${randomBytes(32).toString('base64url')}\n`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(secret) < 32) {
    throw new Error(`${file} holds fewer than 32 bytes; delete it to have a new secret made`);
  }
  return { secret, file, created };
}

/** Writes a complete file under its name at once, or leaves an existing one alone. */
export function createOnce(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}
