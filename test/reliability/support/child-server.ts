import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import { startFlags } from '../../../bench/support/server';
import { storeEnvFor } from '../../support/event-log';

const root = join(__dirname, '..', '..', '..');
/** What `npm run build` writes and `npm start` runs. */
export const builtServerEntry = join(
  root,
  'dist',
  'apps',
  'admin-api',
  'apps',
  'admin-api',
  'src',
  'main.js',
);

function programArgs(program: ChildServerOptions['program']): string[] {
  return program === 'built'
    ? [...startFlags(), builtServerEntry]
    : ['-r', './scripts/register-ts.js', 'apps/admin-api/src/main.ts'];
}

/** The HS256 secret the child servers of these tests verify tokens with. */
export const CHILD_JWT_SECRET = 'reliability-tests-secret-0123456789abcdef';

/** A bearer token (valid 1 h) for `actor`, as the child servers verify them. */
export async function bearerFor(actor: Actor): Promise<string> {
  return `Bearer ${await mintToken(CHILD_JWT_SECRET, actor, { ttlSeconds: 3600 })}`;
}

export interface ChildServerOptions {
  /** The data folder; it outlives the process, so a server can be restarted on it. */
  dataDir: string;
  /** More environment, over the defaults (PORT=0, SEED_CORPUS=false, the test secret…). */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /**
   * `source` (the default): `apps/admin-api/src/main.ts` compiled on the fly; `built`: what
   * `npm run build` wrote, with `npm start`'s node flags, exactly as `npm start` runs it.
   */
  program?: 'source' | 'built';
}

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr, its last 256 kB. */
  output(): string;
  /** Resolves once the process has exited, however. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hook runs, requests in flight get no answer. Resolves on exit. */
  kill9(): Promise<void>;
  /** SIGTERM: the server's clean shutdown. Resolves on exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const OUTPUT_LIMIT = 256 * 1024;

/**
 * Starts the real server, `apps/admin-api/src/main.ts`, as a child process, exactly as
 * `npm start` runs it but compiled on the fly (scripts/register-ts.js), configured only by the
 * environment, and resolves once it listens (the port is learned from its log line).
 */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    programArgs(options.program),
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NO_COLOR: '1',
        PORT: '0',
        DATA_DIR: options.dataDir,
        SEED_CORPUS: 'false',
        AUTH_JWT_SECRET: CHILD_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '1000000',
        // The run's event log for the folder: SQLite in it, or the folder's EventStoreDB log.
        ...(await storeEnvFor(options.dataDir, options.env)),
        ...options.env,
      },
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let port: string | undefined;
  while (port === undefined) {
    port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port !== undefined) break;
    if (hasExited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output.slice(-OUTPUT_LIMIT),
    exited,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
