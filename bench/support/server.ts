import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import { type ServerBuild } from './server-build';

const root = join(__dirname, '..', '..');

/** The HS256 secret the bench's server verifies tokens with (AUTH_JWT_SECRET). */
const SECRET = 'marginalia-bench-secret-0123456789abcdef';

export interface ServerMemory {
  /** Resident set size now, in MiB (VmRSS). */
  rssMiB: number;
  /** Of which private memory (RssAnon): heaps, SQLite caches; the rest is mapped files. */
  anonMiB: number;
  /** The resident set's high-water mark since start or the last reset, in MiB (VmHWM). */
  peakMiB: number;
}

export interface BenchServer {
  url: string;
  pid: number;
  startMs: number;
  token(actor: Actor): Promise<string>;
  memory(): ServerMemory;
  /** Resets the kernel's high-water mark (VmHWM); false where the kernel does not allow it. */
  resetPeak(): boolean;
  /** Samples VmRSS every 100 ms until the returned function is called, which gives the maxima. */
  sampleRss(): () => { rssMiB: number; anonMiB: number };
  health(): Promise<HealthReport>;
  output(): string;
  stop(): Promise<void>;
}

interface HealthReport {
  status: string;
  store: { headPosition?: number };
  projector: { position: number; lag: number | null };
  processManagers: { position: number; lag: number | null; failures: number };
}

/**
 * The node flags `npm start` gives the server (`node <flags> dist/…/main.js` in package.json),
 * so that the bench's server runs with the same heap settings as a started one.
 */
export function startFlags(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/\S+\.js\b/.exec(scripts.start ?? '');
  if (!match)
    throw new Error(`Cannot read the server's node flags from npm start: ${scripts.start}`);
  return match[1]!.split(/\s+/).filter(Boolean);
}

/**
 * Starts the real server, compiled (server-build.ts), as a child process, as `npm start` runs
 * it (with its node flags, `startFlags`), so that its memory is its own. Resolves once it listens and its projector and process
 * managers have caught up with the log.
 */
export async function startServer(
  build: ServerBuild,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      ...startFlags(),
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '-r',
      build.preload,
      build.entry,
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_PATH: join(root, 'node_modules'),
        NO_COLOR: '1',
        PORT: '0',
        DATA_DIR: dataDir,
        SEED_CORPUS: 'false',
        AUTH_JWT_SECRET: SECRET,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );

  let port: string | undefined;
  while (!port) {
    port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port) break;
    if (exited || Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start:\n${output.slice(-4000)}`);
    }
    await sleep(50);
  }
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  const server: BenchServer = {
    url,
    pid,
    startMs: 0,
    token: (actor) => mintToken(SECRET, actor, { ttlSeconds: 4 * 3600 }),
    memory: () => readMemory(pid),
    resetPeak() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    sampleRss() {
      const max = { rssMiB: 0, anonMiB: 0 };
      const sample = () => {
        if (exited) return;
        const now = readMemory(pid);
        max.rssMiB = Math.max(max.rssMiB, now.rssMiB);
        max.anonMiB = Math.max(max.anonMiB, now.anonMiB);
      };
      sample();
      const timer = setInterval(sample, 100);
      return () => {
        clearInterval(timer);
        return max;
      };
    },
    async health() {
      const response = await fetch(`${url}/health`);
      return (await response.json()) as HealthReport;
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(killer);
    },
  };
  for (;;) {
    const health = await server.health();
    if (health.projector.lag === 0 && health.processManagers.lag === 0) break;
    if (exited || Date.now() - started > 600_000) {
      await server.stop();
      throw new Error(`The server did not catch up with its log: ${JSON.stringify(health)}`);
    }
    await sleep(250);
  }
  server.startMs = Date.now() - started;
  return server;
}

function readMemory(pid: number): ServerMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    rssMiB: round(kib('VmRSS') / 1024),
    anonMiB: round(kib('RssAnon') / 1024),
    peakMiB: round(kib('VmHWM') / 1024),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
