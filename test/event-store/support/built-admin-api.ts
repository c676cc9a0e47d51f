import { spawn, spawnSync } from 'node:child_process';
import request from 'supertest';
import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import { startFlags } from '../../../bench/support/server';

const root = join(__dirname, '..', '..', '..');
/** What `npm run build` writes and `npm start` runs. */
export const builtAdminApi = join(root, 'dist', 'apps', 'admin-api', 'apps', 'admin-api', 'src');
const entry = join(builtAdminApi, 'main.js');

/** `npm run build`: the server and the CLI, as `npm start` and `npm run cli` run them. */
export function buildAll(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`.slice(-6000));
  }
}

export interface BuiltServer {
  url: string;
  pid: number;
  output(): string;
  token(actor: Actor): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the built server as `npm start` does (its node flags, `dist/…/main.js`) in a child
 * process of its own, configured only by `env`; resolves once it listens.
 */
export async function startBuiltServer(
  env: Record<string, string> & { AUTH_JWT_SECRET: string },
): Promise<BuiltServer> {
  const child = spawn(process.execPath, [...startFlags(), entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-256 * 1024));
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exit;
    clearTimeout(killer);
  };
  for (const deadline = Date.now() + 60_000; ;) {
    const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port) {
      return {
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        output: () => output,
        token: (actor) => mintToken(env.AUTH_JWT_SECRET, actor, { ttlSeconds: 3600 }),
        stop,
      };
    }
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`The built server did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Health {
  status: string;
  store: { headPosition: number };
  projector: { lag: number | null };
  processManagers: { lag: number | null; failures: number; position: number };
}

export const health = async (on: BuiltServer) =>
  (await request(on.url).get('/health')).body as Health;

/** Until both replicas have projected and handled the same head, twice in a row. */
export async function settle(replicas: BuiltServer[]): Promise<void> {
  let calm = 0;
  for (const deadline = Date.now() + 60_000; calm < 2;) {
    const reports = await Promise.all(replicas.map(health));
    const heads = new Set(reports.map((report) => report.store.headPosition));
    const idle = reports.every(
      (report) => report.projector.lag === 0 && report.processManagers.lag === 0,
    );
    calm = idle && heads.size === 1 ? calm + 1 : 0;
    if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(reports)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
