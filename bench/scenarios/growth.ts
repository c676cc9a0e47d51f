/*
 * Growth: the latency of a durable append and of an article's view as the log holds 10k, 100k
 * and 1M events (smaller with --quick). The appends are claims captured on the newsroom's
 * articles, decided by the real decider; the view is always the same ordinary article's, read
 * from the read models projected from that log.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RevisionText } from '@marginalia/anchoring';
import { decideClaim, EVENT_SCHEMA_VERSIONS, streams } from '@marginalia/domain';
import {
  createEventIdGenerator,
  type EventToAppend,
  type JsonObject,
  SqliteEventStore,
} from '@marginalia/event-store';
import { eventMetadata } from '@marginalia/editorial';
import { catchUp, ReadModelDatabase, ReadModelQueries } from '@marginalia/read-models';
import { Random } from '../anchoring/random';
import { pickSpan } from '../newsroom/spans';
import { EVENTS_FILE, READ_MODELS_FILE } from '../newsroom/newsroom-log';
import { staff } from '../newsroom/people';
import { type PhaseSnapshot } from '../newsroom/phases';
import { type BenchContext, pick, type Row } from '../scenario';
import { stopwatch, type Summary, summarize } from '../stats';

export interface GrowthPoint {
  events: number;
  appendMs: Summary;
  viewMs: Summary;
  viewAnnotations: number;
}

const newId = createEventIdGenerator();

/** ClaimCaptured appends as CaptureClaimHandler makes them, on the newsroom's articles. */
function captures(
  snapshot: PhaseSnapshot,
  count: number,
): Array<{ streamId: string; events: EventToAppend[] }> {
  const random = new Random(snapshot.events);
  const articles = snapshot.catalog.articles
    .filter((article) => article.articleId !== snapshot.catalog.firstArticleId)
    .map((article) => ({ ...article, indexed: RevisionText.of(article.text) }));
  const actor = staff.factCheckers[1]!;
  return Array.from({ length: count }, () => {
    const article = random.pick(articles);
    const claimId = newId();
    const decided = decideClaim(
      {
        type: 'CaptureClaim',
        claimId,
        articleId: article.articleId,
        anchor: pickSpan(article.indexed, article.revision, 'claim', random),
        statement: null,
        claimant: null,
        topics: [],
        followedTo: null,
        actor,
      },
      null,
    );
    const requestId = randomUUID();
    const request = { actor, correlationId: requestId, causationId: requestId };
    const metadata = eventMetadata(request, new Date());
    return {
      streamId: streams.claim(claimId),
      events: decided.map((event) => ({
        eventId: newId(),
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data as unknown as JsonObject,
        metadata,
      })),
    };
  });
}

export async function measureGrowth(
  context: BenchContext,
  snapshot: PhaseSnapshot,
): Promise<GrowthPoint> {
  const appends = pick(context, 500, 100);
  const views = pick(context, 300, 100);
  const warmUp = pick(context, 50, 20);
  const articleId = snapshot.catalog.firstArticleId!;
  context.log(`growth: ${appends} appends and ${views} views at ${snapshot.phase} size`);
  const store = new SqliteEventStore({ file: join(snapshot.dir, EVENTS_FILE) });
  const database = new ReadModelDatabase(join(snapshot.dir, READ_MODELS_FILE));
  try {
    // Earlier scenarios may have added to this log (the HTTP load does): its size is its head.
    const logEvents = await store.headPosition();
    const work = captures(snapshot, warmUp + appends);
    const appendMs: number[] = [];
    for (const [index, { streamId, events }] of work.entries()) {
      const elapsed = stopwatch();
      await store.append(streamId, events, { expectedRevision: 'no_stream' });
      if (index >= warmUp) appendMs.push(elapsed());
    }
    // The read models follow the log, as the projector keeps them; the view never includes the
    // claims just added, which are on other articles.
    await catchUp(store, database);
    const queries = new ReadModelQueries(database);
    const viewMs: number[] = [];
    let viewAnnotations = 0;
    for (let index = 0; index < warmUp + views; index += 1) {
      const elapsed = stopwatch();
      const view = queries.view(articleId);
      const ms = elapsed();
      viewAnnotations = view?.annotations.length ?? 0;
      if (index >= warmUp) viewMs.push(ms);
    }
    return {
      events: logEvents,
      appendMs: summarize(appendMs),
      viewMs: summarize(viewMs),
      viewAnnotations,
    };
  } finally {
    database.close();
    await store.close();
  }
}

/** Flat means the largest log's median within 1.5× of the smallest's. */
export function growthRows(points: GrowthPoint[], quick: boolean): Row[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) return [];
  const sizes = points.map((point) => abbreviate(point.events)).join(' → ');
  const row = (what: string, of: (point: GrowthPoint) => Summary): Row => {
    const ratio = Math.round((of(last).median / of(first).median) * 100) / 100;
    return {
      scenario: `growth: ${what} at ${sizes} events`,
      measure: 'ratio of medians, largest ÷ smallest',
      target: 'flat (≤ 1.5×)',
      median: ratio,
      pass: quick ? null : ratio <= 1.5,
      note: points
        .map(
          (point) => `${abbreviate(point.events)}: ${of(point).median} ms (p99 ${of(point).p99})`,
        )
        .join(', '),
    };
  };
  return [
    row('durable append latency', (point) => point.appendMs),
    row('view latency', (point) => point.viewMs),
  ];
}

function abbreviate(events: number): string {
  return events >= 1_000_000
    ? `${Math.round(events / 100_000) / 10}M`
    : `${Math.round(events / 1000)}k`;
}
