import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { formatSignerKey, type NoteSigner, parseSignerKey } from '@marginalia/verifiable-log';
import { createOnce } from '../auth/signing-secret';

/** The log's signing key in the data folder when LOG_SIGNING_KEY_FILE is not set. */
export const LOG_SIGNING_KEY_FILE = 'log-signing-key';

export interface LogSigningKey {
  signer: NoteSigner;
  file: string;
  /** True when this call created the key (in the data folder). */
  created: boolean;
}

/**
 * The checkpoints' signing key (SPEC §9): LOG_SIGNING_KEY_FILE, a C2SP signed-note private key
 * (`PRIVATE+KEY+<name>+<id>+<key>`), or else one created once in the data folder (mode 0600),
 * named after LOG_ORIGIN, and kept: a new key would leave every auditor's pinned key useless.
 */
export function loadLogSigningKey(config: MarginaliaConfig): LogSigningKey {
  let file = config.log.signingKeyFile;
  let created = false;
  if (file === undefined) {
    mkdirSync(config.dataDir, { recursive: true });
    file = join(config.dataDir, LOG_SIGNING_KEY_FILE);
    created = createOnce(file, `${formatSignerKey(config.log.origin, randomBytes(32))}\n`);
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`Cannot read the log's signing key ${file}: ${(error as Error).message}`);
  }
  try {
    return { signer: parseSignerKey(text), file, created };
  } catch (error) {
    throw new Error(
      `${file} is not a signed-note private key (PRIVATE+KEY+<name>+<id>+<key>): ${(error as Error).message}`,
    );
  }
}

/** The verifier key of the data folder's log, if it has one (for the CLI's verify). */
export function dataFolderVerifierKey(dataDir: string): string | undefined {
  try {
    const text = readFileSync(join(dataDir, LOG_SIGNING_KEY_FILE), 'utf8').trim();
    return parseSignerKey(text).verifierKey;
  } catch {
    return undefined;
  }
}
