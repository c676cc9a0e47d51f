/*
 * Capture throughput over HTTP with the verifiable log (its tree followed, checkpoints issued)
 * against the server of main before issue 15 (commit e4b97a0), in the same run: both compiled
 * the same way, each on its own copy of the 100k newsroom, loaded in turns with the same requests.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_TREE_FILE, LogTree, SqliteEventStore, TreeFile } from '@marginalia/event-store';
import { EVENTS_FILE } from '../newsroom/newsroom-log';
import { staff } from '../newsroom/people';
import { type PhaseSnapshot } from '../newsroom/phases';
import { type BenchContext, pick, type Row } from '../scenario';
import { Random } from '../anchoring/random';
import { median, stopwatch, summarize } from '../stats';
import { type BenchServer, startServer } from '../support/server';
import { buildServer } from '../support/server-build';
import { captureTargets } from './command-bus';

/** Main before issue 15: the last commit without the verifiable log in the server. */
export const REFERENCE_COMMIT = 'e4b97a0';

const root = join(__dirname, '..', '..');

interface Contender {
  name: 'current' | 'reference';
  server: BenchServer;
  token: string;
  next: number;
  rates: number[];
  p99s: number[];
  failures: number;
}

export async function measureCapture(
  context: BenchContext,
  medium: PhaseSnapshot,
  rows: Row[],
  details: Record<string, unknown>,
) {
  const scratch = join(context.scratch, 'verifiable-log-capture');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const source = join(scratch, 'reference-source');
  mkdirSync(source);
  // Only what the server is built from; node_modules are the project's (NODE_PATH).
  const archive = execFileSync('git', ['archive', REFERENCE_COMMIT, 'apps/admin-api', 'libs'], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', source], { input: archive });
  const builds = {
    current: buildServer(join(scratch, 'current-build')),
    reference: buildServer(join(scratch, 'reference-build'), source),
  };
  const env = { RATE_LIMIT_PER_MINUTE: '999999999' };
  const contenders: Contender[] = [];
  try {
    for (const name of ['current', 'reference'] as const) {
      const dir = join(scratch, `${name}-data`);
      cpSync(medium.dir, dir, { recursive: true });
      if (name === 'current') await followIntoTree(dir);
      context.log(`verifiable-log: starting the ${name} server on ${medium.events} events`);
      const server = await startServer(builds[name], dir, env);
      const token = await server.token(staff.factCheckers[2]!);
      contenders.push({ name, server, token, next: 0, rates: [], p99s: [], failures: 0 });
    }
    const treeMs = await waitForTree(contenders[0]!);
    const targets = captureTargets(medium, 5000, 15).map((target) => ({
      path: `/v1/articles/${target.articleId}/claims`,
      body: JSON.stringify({ selector: target.selector }),
    }));
    const load = (contender: Contender, seconds: number) =>
      autocannon({
        url: contender.server.url,
        connections: 50,
        duration: seconds,
        headers: {
          authorization: `Bearer ${contender.token}`,
          'content-type': 'application/json',
        },
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const target = targets[contender.next++ % targets.length]!;
              return { ...request, path: target.path, body: target.body };
            },
          },
        ],
      });
    const rounds = pick(context, 5, 2);
    const seconds = pick(context, 10, 3);
    context.log(`verifiable-log: POST claims, 50 connections, ${rounds} rounds × 2 × ${seconds} s`);
    for (const contender of contenders) await load(contender, pick(context, 5, 2));
    for (let round = 0; round < rounds; round += 1) {
      // current first, then reference first: neither always runs on a warmer machine.
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        const result = await load(contender, seconds);
        contender.rates.push(Math.round(result['2xx'] / result.duration));
        contender.p99s.push(result.latency.p99);
        contender.failures += result.non2xx + result.errors;
      }
    }
    const [current, reference] = contenders as [Contender, Contender];
    const ratio = median(current.rates) / median(reference.rates);
    rows.push({
      scenario: `HTTP capture with the verifiable log ÷ main before it (${REFERENCE_COMMIT})`,
      measure: '×',
      target: '≥ 0.95× (within 5 %)',
      median: ratio,
      pass: context.quick ? null : ratio >= 0.95 && current.failures + reference.failures === 0,
      note: `${median(current.rates)}/s against ${median(reference.rates)}/s, p99 ${median(current.p99s)} against ${median(reference.p99s)} ms; ${current.failures + reference.failures} non-2xx or errors`,
    });
    details.capture = {
      referenceCommit: REFERENCE_COMMIT,
      logEvents: medium.events,
      connections: 50,
      secondsPerRun: seconds,
      currentTreeCaughtUpMs: treeMs,
      ...Object.fromEntries(
        contenders.map((contender) => [
          contender.name,
          { rates: contender.rates, p99s: contender.p99s, failures: contender.failures },
        ]),
      ),
      ratio,
    };
    await measureHttpProofs(context, current, rows, details);
  } finally {
    for (const contender of contenders) await contender.server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Proofs as an auditor asks for them, one request at a time, at the size of the latest
 * checkpoint, for leaves and first sizes drawn at random: for reference beside LogTree's at 1M.
 */
async function measureHttpProofs(
  context: BenchContext,
  { server }: Contender,
  rows: Row[],
  details: Record<string, unknown>,
) {
  const token = await server.token({ sub: 'bench-auditor', roles: ['auditor'] });
  const headers = { authorization: `Bearer ${token}` };
  const checkpoint = await fetch(`${server.url}/v1/log/checkpoint`, { headers });
  const size = Number((await checkpoint.text()).split('\n')[1]);
  const random = new Random(6962);
  const requests = pick(context, 500, 50);
  const time = async (path: (value: number) => string) => {
    const samples: number[] = [];
    for (let index = 0; index < requests + 20; index += 1) {
      const started = stopwatch();
      const response = await fetch(server.url + path(random.int(1, size)), { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`A proof was refused: ${response.status}`);
      samples.push(started());
    }
    return summarize(samples.slice(20));
  };
  context.log(`verifiable-log: ${requests} proofs of each kind over HTTP at ${size} leaves`);
  const inclusion = await time(
    (leaf) => `/v1/log/proofs/inclusion?leafIndex=${leaf - 1}&treeSize=${size}`,
  );
  const consistency = await time(
    (first) => `/v1/log/proofs/consistency?first=${first}&second=${size}`,
  );
  for (const [name, summary] of [
    ['inclusion', inclusion],
    ['consistency', consistency],
  ] as const) {
    rows.push({
      scenario: `HTTP GET ${name} proof at ${size.toLocaleString('en')} leaves, 1 connection`,
      measure: 'ms',
      target: '',
      median: summary.median,
      p99: summary.p99,
      pass: null,
      note: 'for reference: the target is at 1M leaves, through LogTree',
    });
  }
  details.httpProofs = { treeSize: size, unit: 'ms', inclusion, consistency };
}

/**
 * The tree file a server that ran with the verifiable log all along has: the steady state whose
 * captures are measured, not the first start, which follows the whole log into the tree.
 */
async function followIntoTree(dir: string): Promise<void> {
  const store = new SqliteEventStore({ file: join(dir, EVENTS_FILE), crossProcessWakeups: false });
  const treeFile = new TreeFile(join(dir, LOG_TREE_FILE));
  try {
    await new LogTree(store, treeFile).catchUp();
  } finally {
    treeFile.close();
    await store.close();
  }
}

/** Waits until the current server's latest checkpoint covers its whole log: its tree followed. */
async function waitForTree({ server, token }: Contender): Promise<number> {
  const started = Date.now();
  for (;;) {
    const head = (await server.health()).store.headPosition ?? 0;
    const response = await fetch(`${server.url}/v1/log/checkpoint`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const size = response.ok ? Number((await response.text()).split('\n')[1]) : -1;
    if (size >= head) return Date.now() - started;
    if (Date.now() - started > 300_000) {
      throw new Error(`The server's log tree did not catch up: ${size} of ${head}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
