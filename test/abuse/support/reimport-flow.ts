import { type Actor } from '@marginalia/domain';
import { type BenchServer } from '../../../bench/support/server';
import { SeededRandom } from '../../support/seeded-random';
import { HealthProbe, type ProbeFigures } from './health-probe';
import { importBody } from './hostile-requests';
import { plannedClaims, type PlannedClaim, rewrittenArticle } from './rewritten-article';

const EDITOR: Actor = { sub: 'editor-reimport', roles: ['editor'] };
const CHECKER: Actor = { sub: 'checker-reimport', roles: ['fact_checker'] };
const AUDITOR: Actor = { sub: 'auditor-reimport', roles: ['auditor'] };

export interface ReimportPlan {
  seed: number;
  codePoints: number;
  claims: number;
  rewrittenShare: number;
  /** Stop waiting for the follow-ups after this long. */
  withinMs: number;
}

interface ClaimAnchor {
  revision: number;
  start: number;
  end: number;
  exact: string;
  state: 'anchored' | 'orphaned';
}

export interface ReimportOutcome {
  /** From the re-import's request until every follow-up is handled and projected. */
  followedMs: number;
  reimportMs: number;
  /** /health as a client saw it meanwhile. */
  health: ProbeFigures;
  /** The server's own event-loop delay over the same window, from /metrics, in ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  untouched: number;
  untouchedExact: number;
  rewrittenAnchored: number;
  orphaned: number;
  /** Claims still anchored in the old revision once the wait was over. */
  notFollowed: number;
  /** Claims orphaned though their sentence was not touched. */
  untouchedOrphaned: number;
  /** Claims anchored anywhere but on their own sentence's text: wrong anchors. */
  misplaced: string[];
}

/**
 * Imports a long article, captures claims on it, re-imports it with a share of its sentences
 * rewritten while probing /health, waits until the server has followed every claim, and judges
 * where each one landed against the truth the rewrite knows.
 */
export async function followThroughReimport(
  server: BenchServer,
  plan: ReimportPlan,
): Promise<ReimportOutcome> {
  const call = caller(server);
  const random = new SeededRandom(plan.seed);
  const article = rewrittenArticle(random, plan.codePoints, plan.rewrittenShare);
  const imported = await call('POST', '/v1/articles', EDITOR, importBody('text', article.older));
  const articleId = imported.id as string;
  const planned = new Map<string, PlannedClaim>();
  for (const claim of plannedClaims(random, article, plan.claims)) {
    const { start, end, exact } = claim;
    const captured = await call('POST', `/v1/articles/${articleId}/claims`, CHECKER, {
      selector: { start, end, exact },
    });
    planned.set(captured.id as string, claim);
  }

  await eventLoopDelay(server);
  const probe = new HealthProbe(server.url).start();
  const started = performance.now();
  await call('POST', `/v1/articles/${articleId}/revisions`, EDITOR, {
    content: article.newer,
    reason: 'the source page was edited',
  });
  const reimportMs = performance.now() - started;
  for (;;) {
    // A server that stalled may drop the connection the client kept alive: ask again.
    const health = await server.health().catch(() => undefined);
    if (health?.processManagers.lag === 0 && health.projector.lag === 0) break;
    if (performance.now() - started > plan.withinMs) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const followedMs = performance.now() - started;
  const health = await probe.stop();
  const delay = await eventLoopDelay(server);

  const anchors = await anchorsOf(call, articleId);
  const newer = Array.from(article.newer);
  const outcome: ReimportOutcome = {
    followedMs: Math.round(followedMs),
    reimportMs: Math.round(reimportMs),
    health,
    eventLoopDelayMs: delay,
    untouched: 0,
    untouchedExact: 0,
    rewrittenAnchored: 0,
    orphaned: 0,
    notFollowed: 0,
    untouchedOrphaned: 0,
    misplaced: [],
  };
  for (const [id, claim] of planned) {
    const anchor = anchors.get(id)!;
    const { sentence } = claim;
    if (!sentence.rewritten) outcome.untouched += 1;
    if (anchor.state === 'orphaned') {
      outcome.orphaned += 1;
      if (!sentence.rewritten) outcome.untouchedOrphaned += 1;
      continue;
    }
    if (anchor.revision < 2) {
      outcome.notFollowed += 1;
      continue;
    }
    const onItsText = newer.slice(anchor.start, anchor.end).join('') === anchor.exact;
    const inItsSentence = anchor.start >= sentence.newStart && anchor.end <= sentence.newEnd;
    if (!onItsText || !inItsSentence)
      outcome.misplaced.push(`${id}: at ${anchor.start}–${anchor.end}`);
    else if (sentence.rewritten) outcome.rewrittenAnchored += 1;
    else if (anchor.exact === claim.exact && anchor.start === sentence.newStart) {
      outcome.untouchedExact += 1;
    } else outcome.misplaced.push(`${id}: not on its untouched text`);
  }
  return outcome;
}

type Call = (
  method: string,
  path: string,
  actor: Actor,
  body?: unknown,
) => Promise<Record<string, unknown>>;

function caller(server: BenchServer): Call {
  return async (method, path, actor, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await server.token(actor)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    }
    return json;
  };
}

async function anchorsOf(call: Call, articleId: string): Promise<Map<string, ClaimAnchor>> {
  const anchors = new Map<string, ClaimAnchor>();
  let cursor: string | undefined;
  do {
    const query = `articleId=${articleId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await call('GET', `/v1/claims?${query}`, EDITOR)) as {
      items: Array<{ id: string; anchor: ClaimAnchor }>;
      nextCursor?: string | null;
    };
    for (const item of page.items) anchors.set(item.id, item.anchor);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return anchors;
}

/** The server's event-loop delay since the previous scrape of /metrics, in ms (and a new window). */
export async function eventLoopDelay(
  server: BenchServer,
): Promise<{ p50: number; p99: number; max: number }> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { Authorization: `Bearer ${await server.token(AUDITOR)}` },
  });
  const text = await response.text();
  const at = (quantile: string) => {
    const line = new RegExp(
      `^marginalia_event_loop_delay_seconds\\{quantile="${quantile}"\\} (\\S+)$`,
      'm',
    );
    return Math.round(Number(line.exec(text)?.[1] ?? NaN) * 10_000) / 10;
  };
  return { p50: at('0.5'), p99: at('0.99'), max: at('1') };
}
