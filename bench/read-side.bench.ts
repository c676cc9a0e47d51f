/*
 * The read side's speed: rebuilding every read model from the log (events per second), and
 * replaying the annotated view of an article with 10,000 events. Prints JSON with the machine.
 * Usage: npm run bench:read-side [-- --runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEventIdGenerator,
  type EventToAppend,
  SqliteEventStore,
} from '@marginalia/event-store';
import { catchUp, ReadModelDatabase, ReadModelQueries, Replay } from '@marginalia/read-models';
import { describeMachine, median } from './machine';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const nextId = createEventIdGenerator();
const TEXT =
  '山西日报讯 去年煤炭产量达到13.78亿吨，发电量4376亿千瓦时，非常规天然气产量145.9亿立方米。';

function event(type: string, data: object, sub = 'checker-wang'): EventToAppend {
  return {
    eventId: nextId(),
    type,
    schemaVersion: 1,
    data: data as EventToAppend['data'],
    metadata: {
      occurredAt: '2024-03-08T02:29:15.000Z',
      actor: { sub, roles: ['fact_checker'] },
      correlationId: nextId(),
      causationId: nextId(),
    },
  };
}

/** An article and `claims` claims on it, each captured, assigned, drafted, submitted (4 events). */
async function writeArticle(store: SqliteEventStore, claims: number): Promise<string> {
  const articleId = nextId();
  await store.append(
    `article-${articleId}`,
    [
      event('ArticleImported', {
        articleId,
        title: '山西代表团媒体开放日',
        language: 'zh-Hans',
        format: 'text',
        source: {
          url: `https://example.org/${articleId}`,
          publisher: '山西日报',
          publishedAt: null,
        },
        externalId: null,
        raw: TEXT,
        text: TEXT,
        textSha256: 'x'.repeat(64),
        revision: 1,
        metadata: {},
      }),
    ],
    { expectedRevision: 'no_stream' },
  );
  for (let c = 0; c < claims; c += 1) {
    const claimId = nextId();
    const anchor = {
      revision: 1,
      start: 6,
      end: 21,
      exact: '去年煤炭产量达到13.78亿吨',
      prefix: '山西日报讯 ',
      suffix: '，发电量',
      state: 'anchored',
    };
    await store.append(
      `claim-${claimId}`,
      [
        event('ClaimCaptured', {
          claimId,
          articleId,
          anchor,
          statement: `说法${c}`,
          claimant: null,
          topics: [],
        }),
        event('ClaimAssigned', { claimId, assignee: 'checker-wang' }),
        event('VerdictDrafted', {
          claimId,
          verdictVersion: 1,
          rating: 'true',
          summary: '属实。',
          rationale: null,
          sources: [],
          draftedBy: 'checker-wang',
        }),
        event('VerdictSubmitted', { claimId, verdictVersion: 1, submittedBy: 'checker-wang' }),
      ],
      { expectedRevision: 'no_stream' },
    );
  }
  return articleId;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-read-'));
  try {
    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    // A newsroom: 200 articles with 100 claims each (80,200 events), and one article with
    // 2,500 claims (10,001 events) for the replay.
    for (let a = 0; a < 200; a += 1) await writeArticle(store, 100);
    const big = await writeArticle(store, 2500);
    const events = await store.headPosition();

    const rebuild: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const database = new ReadModelDatabase(join(dir, `rebuild-${run}.db`));
      const started = process.hrtime.bigint();
      await catchUp(store, database);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (run > 0) rebuild.push(Math.round(events / seconds));
      if (run < runs) database.close();
    }

    const database = new ReadModelDatabase(join(dir, `rebuild-${runs}.db`));
    const replay = new Replay(store, new ReadModelQueries(database));
    const head = await store.headPosition();
    const replayMs: number[] = [];
    let annotations = 0;
    for (let run = 0; run <= runs; run += 1) {
      const started = process.hrtime.bigint();
      const view = await replay.viewAsOf(big, { position: head });
      if (run > 0) replayMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      annotations = view?.annotations.length ?? 0;
    }
    const liveMs: number[] = [];
    const queries = new ReadModelQueries(database);
    for (let run = 0; run <= runs; run += 1) {
      const started = process.hrtime.bigint();
      queries.view(big);
      if (run > 0) liveMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    console.log(
      JSON.stringify(
        {
          benchmark: 'read-side',
          machine: describeMachine(),
          runs,
          log: { events, replayedArticleEvents: 1 + 2500 * 4, annotations },
          rebuildEventsPerSecond: { median: median(rebuild), samples: rebuild },
          replayOf10000EventArticleMs: {
            median: round(median(replayMs)),
            samples: replayMs.map(round),
          },
          liveViewOf2500AnnotationsMs: {
            median: round(median(liveMs)),
            samples: liveMs.map(round),
          },
        },
        null,
        2,
      ),
    );
    database.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

void main();
