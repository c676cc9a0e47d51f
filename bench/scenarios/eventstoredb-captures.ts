/*
 * HTTP capture throughput on each store (issue 16): the compiled server (server-build.ts), as
 * a child process, once on a fresh SQLite data folder and once on the EventStoreDB server of
 * the run, both with the corpus seeded; autocannon POSTs claims on the corpus articles with 50
 * connections, the two servers taking turns in every repetition so that both see the same load
 * on the machine. The rows and details join the eventstoredb scenario's.
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { staff } from '../newsroom/people';
import { type BenchContext, pick, type Row } from '../scenario';
import { median } from '../stats';
import { type BenchServer, startServer } from '../support/server';
import { buildServer } from '../support/server-build';

const KINDS = ['sqlite', 'eventstoredb'] as const;
type Kind = (typeof KINDS)[number];
const CONNECTIONS = 50;
const root = join(__dirname, '..', '..');

interface CaptureRun {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/** POST /v1/articles/{id}/claims for `seconds`, each request a new span of a corpus article. */
async function captures(server: BenchServer, seconds: number): Promise<CaptureRun> {
  const editor = `Bearer ${await server.token(staff.editors[0]!)}`;
  const titles = new Set(
    (
      JSON.parse(readFileSync(join(root, 'corpus', 'manifest.json'), 'utf8')) as {
        articles: Array<{ title: string }>;
      }
    ).articles.map((article) => article.title),
  );
  const listed = (await (
    await fetch(`${server.url}/v1/articles?limit=100`, { headers: { authorization: editor } })
  ).json()) as { items: Array<{ id: string; title: string }> };
  const articles = listed.items.filter((article) => titles.has(article.title));
  if (articles.length < titles.size) {
    throw new Error(`The server shows ${articles.length} of the ${titles.size} corpus articles`);
  }
  // Spans of 8 characters within every corpus article's first 2,000 (each holds over 2,700).
  const targets = Array.from({ length: 1_000 }, (_, index) => ({
    path: `/v1/articles/${articles[index % articles.length]!.id}/claims`,
    body: JSON.stringify({
      selector: { start: (index * 7) % 2_000, end: ((index * 7) % 2_000) + 8 },
    }),
  }));
  let next = 0;
  const checker = await server.token(staff.factCheckers[2]!);
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${checker}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const target = targets[next++ % targets.length]!;
          return { ...request, path: target.path, body: target.body };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The capture rows, SQLite beside EventStoreDB on `target` (single node or cluster). */
export async function captureThroughput(
  context: BenchContext,
  connectionString: string,
  target: string,
): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const runs = pick(context, 3, 1);
  const seconds = pick(context, 10, 3);
  const build = buildServer(join(context.scratch, 'eventstoredb-server-build'));
  const dirs = KINDS.map((kind) => mkdtempSync(join(context.scratch, `captures-${kind}-`)));
  const servers: Partial<Record<Kind, BenchServer>> = {};
  const samples: Record<Kind, CaptureRun[]> = { sqlite: [], eventstoredb: [] };
  try {
    for (const [index, kind] of KINDS.entries()) {
      context.log(`eventstoredb: starting the server on ${kind}, corpus seeded`);
      servers[kind] = await startServer(build, dirs[index]!, {
        SEED_CORPUS: 'true',
        // One user on purpose: the per-user limit is raised rather than measured (as in http).
        RATE_LIMIT_PER_MINUTE: '999999999',
        ...(kind === 'eventstoredb'
          ? { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }
          : {}),
      });
    }
    // Run 0 is the warm-up, not kept.
    for (let run = 0; run <= runs; run += 1) {
      for (const kind of KINDS) {
        const these = run === 0 ? pick(context, 5, 2) : seconds;
        context.log(
          `eventstoredb: ${run === 0 ? 'warm-up' : `run ${run} of ${runs}`} on ${kind}: ` +
            `POST claims, ${CONNECTIONS} connections, ${these} s`,
        );
        const sample = await captures(servers[kind]!, these);
        if (run > 0) samples[kind].push(sample);
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const rate = (kind: Kind) => median(samples[kind].map((sample) => sample.requestsPerSecond));
  const p99 = (kind: Kind) => median(samples[kind].map((sample) => sample.latencyMs.p99));
  const ratio = Math.round((rate('eventstoredb') / rate('sqlite')) * 1000) / 1000;
  const rows: Row[] = KINDS.map((kind) => {
    const failures = samples[kind].reduce((sum, sample) => sum + sample.non2xx + sample.errors, 0);
    return {
      scenario: `${kind === 'sqlite' ? 'SQLite' : `EventStoreDB ${target}`}: HTTP POST /v1/articles/{id}/claims, ${CONNECTIONS} connections`,
      measure: 'requests/s',
      target: '',
      median: rate(kind),
      p99: p99(kind),
      pass: null,
      note:
        `p99 in ms (median of runs), median latency ${median(samples[kind].map((s) => s.latencyMs.p50))} ms; ` +
        `${failures} non-2xx or errors; ` +
        (kind === 'eventstoredb' ? `EventStoreDB ÷ SQLite ${ratio}` : 'the reference'),
    };
  });
  return {
    rows,
    details: {
      connections: CONNECTIONS,
      secondsPerRun: seconds,
      serverStartMs: Object.fromEntries(KINDS.map((kind) => [kind, servers[kind]?.startMs])),
      runs: samples,
      eventstoredbOverSqlite: ratio,
    },
  };
}
