/*
 * HTTP against the real server, started as a child process on the large newsroom (1M events):
 * POST /v1/articles/{id}/claims with 50 connections, GET /v1/articles/{id}/view of the article
 * with 1,000 annotations, and the server's peak memory under that load. autocannon runs here,
 * in the bench process; the server's memory is its own process's.
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { staff } from '../newsroom/people';
import { type PhaseSnapshot } from '../newsroom/phases';
import { type BenchContext, pick, type Row, type Scenario } from '../scenario';
import { median } from '../stats';
import { startServer } from '../support/server';
import { buildServer } from '../support/server-build';
import { captureTargets } from './command-bus';

interface LoadRun {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<LoadRun> {
  const result = await autocannon(options);
  return {
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A warm-up, then `runs` measured runs of `seconds` each. */
async function repeat(
  context: BenchContext,
  options: autocannon.Options,
  runs: number,
  seconds: number,
): Promise<LoadRun[]> {
  await load({ ...options, duration: pick(context, 5, 2) });
  const results: LoadRun[] = [];
  for (let run = 0; run < runs; run += 1)
    results.push(await load({ ...options, duration: seconds }));
  return results;
}

export const httpScenario = (snapshot: () => Promise<PhaseSnapshot>): Scenario => ({
  name: 'http',
  async run(context) {
    const large = await snapshot();
    const annotated = large.catalog.special.find((entry) => entry.kind === 'annotated')!;
    context.log(`http: starting the server on ${large.events.toLocaleString('en')} events`);
    // The per-user rate limit (600 requests a minute by default) guards the API against one
    // user; this load is one user on purpose, so the limit is raised rather than measured.
    const build = buildServer(join(context.scratch, 'server-build'));
    const server = await startServer(build, large.dir, { RATE_LIMIT_PER_MINUTE: '999999999' });
    const rows: Row[] = [];
    const details: Record<string, unknown> = {
      logEvents: large.events,
      serverStartMs: server.startMs,
      serverMemoryAfterStart: server.memory(),
    };
    try {
      const peakReset = server.resetPeak();
      const sampled = server.sampleRss();
      const runs = pick(context, 3, 2);
      const seconds = pick(context, 10, 3);

      // POST /v1/articles/{id}/claims, 50 connections, each request a new span.
      const checker = await server.token(staff.factCheckers[2]!);
      const targets = captureTargets(large, 5000, 2).map((target) => ({
        path: `/v1/articles/${target.articleId}/claims`,
        body: JSON.stringify({ selector: target.selector }),
      }));
      let next = 0;
      context.log(`http: POST claims, 50 connections, ${runs} × ${seconds} s`);
      const posts = await repeat(
        context,
        {
          url: server.url,
          connections: 50,
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
        },
        runs,
        seconds,
      );
      const postRate = median(posts.map((run) => run.requestsPerSecond));
      const postP99 = median(posts.map((run) => run.latencyMs.p99));
      const postFailures = posts.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
      rows.push({
        scenario: 'HTTP POST /v1/articles/{id}/claims, 50 connections',
        measure: 'requests/s',
        target: '≥ 1,500/s, p99 < 50 ms',
        median: postRate,
        p99: postP99,
        pass: context.quick ? null : postRate >= 1500 && postP99 < 50 && postFailures === 0,
        note: `p99 in ms (median of runs); ${postFailures} non-2xx or errors`,
      });
      details.postClaims = { connections: 50, runs: posts, secondsPerRun: seconds };

      // GET the view of the article with 1,000 annotations, one connection: its latency.
      const editor = await server.token(staff.editors[1]!);
      const viewPath = `/v1/articles/${annotated.articleId}/view`;
      const view = (await (
        await fetch(server.url + viewPath, { headers: { authorization: `Bearer ${editor}` } })
      ).json()) as { annotations?: unknown[] };
      const annotations = view.annotations?.length ?? 0;
      context.log(
        `http: GET the view with ${annotations} annotations, 1 connection, ${runs} × ${seconds} s`,
      );
      const gets = await repeat(
        context,
        {
          url: server.url + viewPath,
          connections: 1,
          headers: { authorization: `Bearer ${editor}` },
        },
        runs,
        seconds,
      );
      const getP99 = median(gets.map((run) => run.latencyMs.p99));
      const getFailures = gets.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
      rows.push({
        scenario: `HTTP GET /v1/articles/{id}/view, ${annotations.toLocaleString('en')} annotations`,
        measure: 'p99 ms',
        target: 'p99 < 20 ms',
        median: getP99,
        p99: getP99,
        pass: context.quick ? null : getP99 < 20 && getFailures === 0,
        note: `median latency ${median(gets.map((run) => run.latencyMs.p50))} ms, ${median(gets.map((run) => run.requestsPerSecond))} requests/s, ${getFailures} non-2xx or errors`,
      });
      details.getView = { connections: 1, annotations, runs: gets, secondsPerRun: seconds };

      const sampledPeak = sampled();
      const memory = server.memory();
      const peakMiB = peakReset ? memory.peakMiB : sampledPeak.rssMiB;
      const peakMB = Math.round(peakMiB * 1.048576);
      rows.push({
        scenario: `peak server memory under the HTTP load, ${large.events.toLocaleString('en')} events stored`,
        measure: 'MB',
        target: '< 300 MB',
        median: peakMB,
        pass: context.quick ? null : peakMB < 300,
        note:
          (peakReset
            ? 'peak resident set (VmHWM) since the load began; '
            : 'VmHWM could not be reset: RSS sampled every 100 ms; ') +
          `of it private memory at most ${Math.round(sampledPeak.anonMiB * 1.048576)} MB, the rest mapped files (node, native modules)`,
      });
      details.memory = {
        unit: 'MiB',
        peakMiB,
        kernelPeakResetAfterStart: peakReset,
        sampledEvery100ms: sampledPeak,
        afterLoad: memory,
      };
      return { rows, details };
    } finally {
      await server.stop();
    }
  },
});
