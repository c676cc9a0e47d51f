import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  formatSignerKey,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
} from '@marginalia/verifiable-log';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { bearer } from './support/desk';

const keyOf = async (api: RunningAdminApi) =>
  (await request(api.url).get('/v1/log/key').expect(200)).text;

const latestNote = async (api: RunningAdminApi) =>
  (
    await request(api.url)
      .get('/v1/log/checkpoint')
      .set('Authorization', await bearer(api, 'editor'))
      .expect(200)
  ).text;

/** The error that stops the start-up; a server that starts anyway is stopped, not left open. */
async function startUpError(env: Record<string, string>): Promise<Error> {
  try {
    const api = await startAdminApi(env);
    await api.stop();
  } catch (error) {
    return error as Error;
  }
  throw new Error('The server started');
}

/** The key that signs the checkpoints (SPEC §9): created once and kept, or given. */
describe("the log's signing key", () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir('marginalia-log-key-')));
  afterEach(() => dir.remove());

  it('is created once in the data folder, readable by its owner only, and kept across restarts', async () => {
    const env = { DATA_DIR: dir.path };
    const first = await startAdminApi(env);
    const key = await keyOf(first);
    await first.stop();

    const file = join(dir.path, 'log-signing-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^PRIVATE\+KEY\+/);
    expect(parseSignerKey(text.trim()).verifierKey).toBe(key);
    expect(parseVerifierKey(key).name).toBe(first.config.log.origin);

    const second = await startAdminApi(env);
    try {
      expect(await keyOf(second)).toBe(key);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(openCheckpoint(await latestNote(second), [parseVerifierKey(key)])).toBeDefined();
    } finally {
      await second.stop();
    }
  });

  it('is read from LOG_SIGNING_KEY_FILE when set, and none is made in the data folder', async () => {
    const keyFile = join(dir.path, 'given-key');
    writeFileSync(keyFile, `${formatSignerKey('newsroom.example/log', Buffer.alloc(32, 5))}\n`);
    const given = parseSignerKey(readFileSync(keyFile, 'utf8').trim());
    const data = join(dir.path, 'data');
    const api = await startAdminApi({ DATA_DIR: data, LOG_SIGNING_KEY_FILE: keyFile });
    try {
      expect(await keyOf(api)).toBe(given.verifierKey);
      const { checkpoint } = openCheckpoint(await latestNote(api), [
        parseVerifierKey(given.verifierKey),
      ]);
      expect(checkpoint.origin).toBe(api.config.log.origin);
      expect(existsSync(join(data, 'log-signing-key'))).toBe(false);
    } finally {
      await api.stop();
    }
  });

  it('is tightened to its owner when found readable by others in the data folder', async () => {
    const file = join(dir.path, 'log-signing-key');
    const text = `${formatSignerKey('restored.example/log', Buffer.alloc(32, 8))}\n`;
    writeFileSync(file, text, { mode: 0o644 });
    const api = await startAdminApi({ DATA_DIR: dir.path });
    try {
      expect(await keyOf(api)).toBe(parseSignerKey(text.trim()).verifierKey);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await api.stop();
    }
  });

  it('stops the start-up with a clear message when the key file is bad or missing', async () => {
    const bad = join(dir.path, 'bad-key');
    writeFileSync(bad, 'PRIVATE+KEY+news.example/log+00000000+AQ==\n');
    const verifierOnly = join(dir.path, 'verifier-key');
    writeFileSync(
      verifierOnly,
      parseSignerKey(formatSignerKey('news.example/log', Buffer.alloc(32))).verifierKey,
    );
    for (const file of [bad, verifierOnly]) {
      const error = await startUpError({ DATA_DIR: dir.path, LOG_SIGNING_KEY_FILE: file });
      expect(error.message).toMatch(
        `${file} is not a signed-note private key (PRIVATE+KEY+<name>+<id>+<key>): `,
      );
    }
    const missing = join(dir.path, 'missing-key');
    const error = await startUpError({ DATA_DIR: dir.path, LOG_SIGNING_KEY_FILE: missing });
    expect(error.message).toMatch(`Cannot read the log's signing key ${missing}: ENOENT`);
  });
});
