import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import { type ChildServer, startChildServer } from '../../reliability/support/child-server';

const root = join(__dirname, '..', '..', '..');

/** `npm run build`: the server and the CLI, as `npm start` and `npm run cli` run them. */
export function buildAll(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`.slice(-6000));
  }
}

export interface BuiltServer extends ChildServer {
  token(actor: Actor): Promise<string>;
}

/**
 * Starts the built server as `npm start` does (its node flags, `dist/…/main.js`) in a child
 * process of its own, configured only by `env`; resolves once it listens.
 */
export async function startBuiltServer(
  env: Record<string, string> & { AUTH_JWT_SECRET: string; DATA_DIR: string },
): Promise<BuiltServer> {
  const server = await startChildServer({
    dataDir: env.DATA_DIR,
    env,
    program: 'built',
    startTimeoutMs: 60_000,
  });
  return {
    ...server,
    token: (actor) => mintToken(env.AUTH_JWT_SECRET, actor, { ttlSeconds: 3600 }),
  };
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
