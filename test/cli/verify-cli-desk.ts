import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import {
  formatCheckpoint,
  type NoteSigner,
  parseCheckpoint,
  parseSignerKey,
  signNote,
} from '@marginalia/verifiable-log';
import { captureClaim, import002, NON_COAL_GROWTH } from '../admin-api/support/desk';
import { type RunningAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { buildCli, builtCli, corpusDir, type Run } from './built-cli';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

export interface Report {
  ok: boolean;
  treeSize: number;
  rootHash: string;
  checkpoints: number;
  problems: Array<{ reason: string; leafIndex?: number; treeSize?: number; detail: string }>;
}

/**
 * The built CLI as a child process, without blocking this process: the server under test runs
 * here, and a remote verify must reach it while the command runs.
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', CORPUS_DIR: corpusDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface FeedPage {
  items: Array<{ position: number; data: Record<string, unknown> }>;
}

/**
 * A server that lies about its feed: it forwards every request to the real one and rewrites
 * the pages of GET /v1/events; its key, checkpoints and proofs are the real server's.
 */
export async function lyingProxy(target: string, lie: (page: FeedPage) => FeedPage) {
  const server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${target}${req.url}`, {
        headers: { authorization: req.headers.authorization ?? '' },
      });
      let body = await upstream.text();
      if (upstream.ok && req.url?.startsWith('/v1/events?')) {
        body = JSON.stringify(lie(JSON.parse(body) as FeedPage));
      }
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A checkpoint note of this log, signed by `signer`, for any size and root. */
export function signedCheckpoint(
  signer: NoteSigner,
  origin: string,
  treeSize: number,
  root: Buffer,
) {
  return signNote(formatCheckpoint({ origin, treeSize, rootHash: root }), [signer]);
}

/** The note's text: everything before the blank line that starts its signatures. */
export function noteText(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1);
}

export function parseCheckpointRoot(note: string): string {
  return Buffer.from(parseCheckpoint(noteText(note)).rootHash).toString('base64');
}

/**
 * A server with a data folder whose log has a kept checkpoint, the built CLI to verify it, and
 * the files, keys and checkpoints the tests hand it; started before the tests of the describe
 * that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function verifyDesk(start: StartAdminApi) {
  let dir: ReturnType<typeof makeTempDir>;
  let data: string;
  let api: RunningAdminApi;
  /** The checkpoint the auditor kept, before the log grew. */
  let kept: { file: string; note: string; treeSize: number };
  let articleId: string;

  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const verify = (args: string[], env: Record<string, string> = {}) =>
    runCliAsync(['verify', ...args], { DATA_DIR: data, ...env }, dir.path);
  const reportOf = (run: Run) => JSON.parse(run.stdout) as Report;
  const issueCheckpoint = async () =>
    (
      await request(api.url)
        .post('/v1/admin/log/checkpoints')
        .set('Authorization', `Bearer ${await api.token('admin')}`)
        .expect(201)
    ).body as { treeSize: number; note: string };
  const serverKey = async () => (await request(api.url).get('/v1/log/key').expect(200)).text;
  const dataFolderSigner = () =>
    parseSignerKey(readFileSync(join(data, 'log-signing-key'), 'utf8').trim());

  beforeAll(async () => {
    const build = buildCli();
    if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stderr}`);
    dir = makeTempDir('marginalia-verify-');
    data = join(dir.path, 'data');
    // No checkpoint of its own between the test's: the sizes the tests expect stay put.
    api = await start({ DATA_DIR: data, CHECKPOINT_INTERVAL_MS: '3600000' });
    articleId = await import002(api, 'verify');
    await captureClaim(api, articleId, { exact: NON_COAL_GROWTH });
    const issued = await issueCheckpoint();
    kept = { file: file('kept.checkpoint', issued.note), ...issued };
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    dir?.remove();
  });

  return {
    get dir(): ReturnType<typeof makeTempDir> {
      return dir;
    },
    get data(): string {
      return data;
    },
    get api(): RunningAdminApi {
      return api;
    },
    get kept(): { file: string; note: string; treeSize: number } {
      return kept;
    },
    get articleId(): string {
      return articleId;
    },
    file,
    verify,
    reportOf,
    issueCheckpoint,
    serverKey,
    dataFolderSigner,
  };
}
