/*
 * The read side on the medium newsroom, as libs/read-models builds it at run time: a rebuild of
 * every read model from the log into a fresh file (what Rebuilder does before swapping files),
 * and the replay of the article with about 10,000 events to the head of the log.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@marginalia/event-store';
import { catchUp, ReadModelDatabase, ReadModelQueries, Replay } from '@marginalia/read-models';
import { EVENTS_FILE, READ_MODELS_FILE } from '../newsroom/newsroom-log';
import { type PhaseSnapshot } from '../newsroom/phases';
import { pick, type Scenario } from '../scenario';
import { median, perSecond, stopwatch, summarize } from '../stats';

export const rebuildScenario = (snapshot: () => Promise<PhaseSnapshot>): Scenario => ({
  name: 'rebuild',
  async run(context) {
    const medium = await snapshot();
    const runs = pick(context, 3, 1);
    context.log(
      `rebuild: ${runs} rebuilds of the read models from ${medium.events.toLocaleString('en')} events`,
    );
    const store = new SqliteEventStore({
      file: join(medium.dir, EVENTS_FILE),
      crossProcessWakeups: false,
    });
    const rates: number[] = [];
    const seconds: number[] = [];
    try {
      for (let run = 0; run <= runs; run += 1) {
        const file = join(context.scratch, `rebuild-${run}.db`);
        const database = new ReadModelDatabase(file);
        const elapsed = stopwatch();
        const { events } = await catchUp(store, database);
        const ms = elapsed();
        database.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        if (events !== medium.events)
          throw new Error(`The rebuild read ${events} events, not ${medium.events}`);
        if (run === 0) continue; // warm-up
        rates.push(perSecond(events, ms));
        seconds.push(ms / 1000);
      }
    } finally {
      await store.close();
    }
    return {
      rows: [
        {
          scenario: 'projection rebuild from the log',
          measure: 'events/s',
          target: '≥ 50,000/s',
          median: median(rates),
          pass: context.quick ? null : median(rates) >= 50_000,
          note: `${medium.events.toLocaleString('en')} events, ${summarize(seconds).median} s per rebuild`,
        },
      ],
      details: { events: medium.events, runs, eventsPerSecond: rates, seconds },
    };
  },
});

export const replayScenario = (snapshot: () => Promise<PhaseSnapshot>): Scenario => ({
  name: 'replay',
  async run(context) {
    const medium = await snapshot();
    const article = medium.catalog.special.find((entry) => entry.kind === 'long_history')!;
    const runs = pick(context, 20, 5);
    context.log(
      `replay: ${runs} replays of an article with ${article.events.toLocaleString('en')} events`,
    );
    const store = new SqliteEventStore({
      file: join(medium.dir, EVENTS_FILE),
      crossProcessWakeups: false,
    });
    const database = new ReadModelDatabase(join(medium.dir, READ_MODELS_FILE));
    const times: number[] = [];
    let annotations = 0;
    try {
      const replay = new Replay(store, new ReadModelQueries(database));
      const head = await store.headPosition();
      for (let run = 0; run <= runs; run += 1) {
        const elapsed = stopwatch();
        const view = await replay.viewAsOf(article.articleId, { position: head });
        const ms = elapsed();
        annotations = view?.annotations.length ?? 0;
        if (run > 0) times.push(ms);
      }
    } finally {
      database.close();
      await store.close();
    }
    const summary = summarize(times);
    const full = article.events >= 10_000;
    return {
      rows: [
        {
          scenario: `replay of an article with ${article.events.toLocaleString('en')} events`,
          measure: 'ms',
          target: '< 200 ms',
          median: summary.median,
          p99: summary.p99,
          pass: full ? summary.median < 200 : null,
          note: `to the head of a ${medium.events.toLocaleString('en')}-event log; ${annotations} annotations in the view`,
        },
      ],
      details: { article, logEvents: medium.events, runs, ms: summary, samples: times },
    };
  },
});
