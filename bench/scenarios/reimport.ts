/*
 * A wholesale re-import over HTTP against the real server (compiled, its own process): a
 * 60,000-code-point article with 300 claims is re-imported with 40 % of its sentences
 * rewritten, and the server follows every claim while a client probes /health every 25 ms.
 * Reported: the time until every claim is followed, /health as the client saw it, the server's
 * own event-loop delay (/metrics) over that window, and where the claims landed. The reference
 * in the same run is the bare library doing the same work in this process: one diff and 300
 * re-anchorings, no server.
 */
import { join } from 'node:path';
import { Reanchoring } from '@marginalia/anchoring';
import {
  followThroughReimport,
  type ReimportOutcome,
} from '../../test/abuse/support/reimport-flow';
import { plannedClaims, rewrittenArticle } from '../../test/abuse/support/rewritten-article';
import { SeededRandom } from '../../test/support/seeded-random';
import { pick, type Row, type Scenario } from '../scenario';
import { median, round, stopwatch } from '../stats';
import { startServer } from '../support/server';
import { buildServer } from '../support/server-build';

const SEED = 20261207;

/** The library alone: the diff of the two revisions and every claim re-anchored, in ms. */
function bareLibrary(seed: number, codePoints: number, claims: number): number {
  const random = new SeededRandom(seed);
  const article = rewrittenArticle(random, codePoints, 0.4);
  const planned = plannedClaims(random, article, claims);
  const elapsed = stopwatch();
  const reanchoring = new Reanchoring(article.older, article.newer);
  for (const { start, end, exact } of planned) reanchoring.reanchor({ start, end, exact });
  return elapsed();
}

export const reimportScenario: Scenario = {
  name: 'reimport',
  async run(context) {
    const runs = pick(context, 3, 1);
    const codePoints = pick(context, 60_000, 20_000);
    const claims = pick(context, 300, 100);
    context.log(`reimport: ${codePoints} code points, ${claims} claims, 40 % rewritten × ${runs}`);
    const build = buildServer(join(context.scratch, 'reimport-build'));
    const outcomes: ReimportOutcome[] = [];
    const bare: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const server = await startServer(build, join(context.scratch, `reimport-${run}`), {
        RATE_LIMIT_PER_MINUTE: '999999999',
      });
      try {
        const plan = {
          seed: SEED + run,
          codePoints,
          claims,
          rewrittenShare: 0.4,
          withinMs: 120_000,
        };
        outcomes.push(await followThroughReimport(server, plan));
      } finally {
        await server.stop();
      }
      bare.push(bareLibrary(SEED + run, codePoints, claims));
    }
    const of = (figure: (outcome: ReimportOutcome) => number) => median(outcomes.map(figure));
    const followed = of((outcome) => outcome.followedMs);
    const wrong = outcomes.reduce((sum, outcome) => sum + outcome.misplaced.length, 0);
    const lost = outcomes.reduce((sum, outcome) => sum + outcome.untouchedOrphaned, 0);
    const full = !context.quick;
    const rows: Row[] = [
      {
        scenario: 'reimport',
        measure: 'every claim followed after the re-import (ms)',
        target: '< 120,000 ms',
        median: followed,
        pass: full ? followed < 120_000 : null,
        note: `bare library ${round(median(bare))} ms; ratio ${round(followed / median(bare))}×`,
      },
      {
        scenario: 'reimport',
        measure: '/health latency meanwhile, p99 (ms)',
        target: '< 300 ms',
        median: of((outcome) => outcome.health.p99Ms),
        p99: Math.max(...outcomes.map((outcome) => outcome.health.maxMs)),
        pass: full ? outcomes.every((outcome) => outcome.health.p99Ms < 300) : null,
        note: 'p99 column: the largest /health latency of all runs',
      },
      {
        scenario: 'reimport',
        measure: 'server event-loop delay meanwhile, p99 (ms)',
        target: '',
        median: of((outcome) => outcome.eventLoopDelayMs.p99),
        p99: Math.max(...outcomes.map((outcome) => outcome.eventLoopDelayMs.max)),
        pass: null,
        note: 'p99 column: the largest delay of all runs (/metrics)',
      },
      {
        scenario: 'reimport',
        measure: 'claims anchored wrongly',
        target: '0',
        median: wrong,
        pass: wrong === 0,
      },
      {
        scenario: 'reimport',
        measure: 'claims on untouched sentences orphaned',
        target: '0',
        median: lost,
        pass: lost === 0,
      },
    ];
    return { rows, details: { codePoints, claims, outcomes, bareLibraryMs: bare } };
  },
};
