/*
 * EventStoreDB beside SQLite in one run (issue 16): the same operations through the same port
 * on a fresh SQLite file (group commit, as the server opens it) and on the server named by
 * EVENTSTORE_CONNECTION_STRING, single node or cluster. Each store gets the same events, in
 * the same order, one store after the other in every repetition so that both see the same
 * load on the machine; first, HTTP captures through the compiled server on each store
 * (eventstoredb-captures.ts). Without the variable the scenario logs that it skipped and why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEventIdGenerator,
  type EventStore,
  type EventToAppend,
  SqliteEventStore,
} from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import { newsroomEvents, type PoolEvent } from '../newsroom/event-pool';
import { captureThroughput } from './eventstoredb-captures';
import { type BenchContext, pick, type Row, type Scenario, type ScenarioReport } from '../scenario';
import { median, perSecond, stopwatch, summarize } from '../stats';

const nextId = createEventIdGenerator();
const KINDS = ['sqlite', 'eventstoredb'] as const;
type Kind = (typeof KINDS)[number];

interface Sizes {
  single: number;
  concurrent: number;
  batched: number;
  runs: number;
}

/** One repetition's figures for one store. */
interface Sample {
  singlePerSecond: number;
  singleMs: number[];
  concurrentPerSecond: number;
  concurrentMs: number[];
  batchedPerSecond: number;
  batchedMs: number[];
  readPerSecond: number;
  readEvents: number;
  catchUpPerSecond: number;
  catchUpEvents: number;
}

function fresh(pool: PoolEvent[], count: number, offset: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    ...pool[(offset + index) % pool.length]!,
    eventId: nextId(),
  }));
}

/** `count` appends, `inFlight` at a time, each timed; answers the latencies and the rate. */
async function appends(
  count: number,
  inFlight: number,
  append: (index: number) => Promise<unknown>,
) {
  const latencies: number[] = [];
  let next = 0;
  const elapsed = stopwatch();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const one = stopwatch();
      await append(index);
      latencies.push(one());
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, totalMs: elapsed() };
}

/** Every event after `after`, page by page (1,000), as a reader of the whole log reads it. */
async function readAfter(store: EventStore, after: number) {
  const elapsed = stopwatch();
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    events += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.position;
  }
  return { events, perSecond: perSecond(events, elapsed()) };
}

/** What a new replica's projector does: subscribe from a checkpoint until caught up. */
async function catchUp(store: EventStore, after: number) {
  const stop = new AbortController();
  const elapsed = stopwatch();
  let events = 0;
  for await (const message of store.subscribeToAll({ after, signal: stop.signal })) {
    if (message.kind === 'caught_up') break;
    events += 1;
  }
  const ms = elapsed();
  stop.abort();
  return { events, perSecond: perSecond(events, ms) };
}

/** One repetition on one store: the appends of this run, then its read and its catch-up. */
async function measure(store: EventStore, pool: PoolEvent[], sizes: Sizes, offset: number) {
  const start = await store.headPosition();
  const single = fresh(pool, sizes.single, offset);
  const one = await appends(single.length, 1, (index) =>
    store.append(`claim-${nextId()}`, [single[index]!], { expectedRevision: 'no_stream' }),
  );
  const concurrent = fresh(pool, sizes.concurrent, offset + 1);
  const fifty = await appends(concurrent.length, 50, (index) =>
    store.append(`claim-${nextId()}`, [concurrent[index]!], { expectedRevision: 'no_stream' }),
  );
  const batched = fresh(pool, sizes.batched, offset + 2);
  const batches = await appends(Math.ceil(batched.length / 100), 1, (index) =>
    store.append(`article-${nextId()}`, batched.slice(index * 100, (index + 1) * 100), {
      expectedRevision: 'no_stream',
    }),
  );
  const read = await readAfter(store, start);
  const caught = await catchUp(store, start);
  const written = single.length + concurrent.length + batched.length;
  if (read.events !== written || caught.events !== written) {
    // A figure over the wrong events is no figure: a filter or a start position is off.
    throw new Error(`Wrote ${written} events, read ${read.events}, caught up on ${caught.events}`);
  }
  return {
    singlePerSecond: perSecond(single.length, one.totalMs),
    singleMs: one.latencies,
    concurrentPerSecond: perSecond(concurrent.length, fifty.totalMs),
    concurrentMs: fifty.latencies,
    batchedPerSecond: perSecond(batched.length, batches.totalMs),
    batchedMs: batches.latencies,
    readPerSecond: read.perSecond,
    readEvents: read.events,
    catchUpPerSecond: caught.perSecond,
    catchUpEvents: caught.events,
  } satisfies Sample;
}

/** The server's version from its HTTP /info, on the first host of the connection string. */
async function serverVersion(connectionString: string): Promise<string> {
  const host = /^esdb(?:\+discover)?:\/\/(?:[^@/]*@)?([^,/?]+)/.exec(connectionString)?.[1];
  try {
    const info = (await (await fetch(`http://${host}/info`)).json()) as { esVersion?: string };
    return info.esVersion ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

type Figure = 'single' | 'concurrent' | 'batched' | 'read' | 'catchUp';
const FIGURES: { key: Figure; scenario: string; measure: string; latency?: keyof Sample }[] = [
  {
    key: 'single',
    scenario: 'single appends, 1 event, sequential',
    measure: 'events/s',
    latency: 'singleMs',
  },
  {
    key: 'concurrent',
    scenario: 'single appends, 1 event, 50 in flight',
    measure: 'events/s',
    latency: 'concurrentMs',
  },
  {
    key: 'batched',
    scenario: 'batched appends, 100 events each',
    measure: 'events/s',
    latency: 'batchedMs',
  },
  { key: 'read', scenario: "read of this run's log, pages of 1,000", measure: 'events/s' },
  { key: 'catchUp', scenario: 'catch-up of a new replica (subscribeToAll)', measure: 'events/s' },
];

function summary(samples: Sample[]) {
  const rate = (key: Figure) => median(samples.map((sample) => sample[`${key}PerSecond`]));
  const ms = (key: keyof Sample) => summarize(samples.flatMap((sample) => sample[key] as number[]));
  return Object.fromEntries(
    FIGURES.map((figure) => [
      figure.key,
      {
        eventsPerSecond: rate(figure.key),
        ...(figure.latency ? { appendMs: ms(figure.latency) } : {}),
      },
    ]),
  ) as Record<Figure, { eventsPerSecond: number; appendMs?: ReturnType<typeof summarize> }>;
}

export const eventStoreDbScenario: Scenario = {
  name: 'eventstoredb',
  async run(context: BenchContext): Promise<ScenarioReport> {
    const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
    if (!connectionString) {
      const reason = 'EVENTSTORE_CONNECTION_STRING is not set, so there is no server to measure';
      context.log(`eventstoredb: skipped: ${reason}`);
      return { rows: [], details: { skipped: reason } };
    }
    const sizes: Sizes = {
      single: pick(context, 1_000, 200),
      concurrent: pick(context, 2_000, 500),
      batched: pick(context, 20_000, 2_000),
      runs: pick(context, 3, 1),
    };
    const version = await serverVersion(connectionString);
    const target = connectionString.includes(',') ? 'cluster' : 'single node';
    // Before the store's appends: the servers then catch up on a log of the API's own events.
    const http = await captureThroughput(context, connectionString, target);
    const pool = await newsroomEvents(7, 5_000, context.scratch);
    const dir = mkdtempSync(join(context.scratch, 'eventstoredb-sqlite-'));
    const stores: Record<Kind, EventStore> = {
      sqlite: new SqliteEventStore({ file: join(dir, 'events.db'), groupCommit: true }),
      eventstoredb: new EventStoreDbEventStore({ connectionString }),
    };
    const samples: Record<Kind, Sample[]> = { sqlite: [], eventstoredb: [] };
    try {
      // Run 0 is the warm-up: a quarter of the sizes, not kept.
      for (let run = 0; run <= sizes.runs; run += 1) {
        const these =
          run === 0
            ? {
                ...sizes,
                single: sizes.single / 4,
                concurrent: sizes.concurrent / 4,
                batched: sizes.batched / 4,
              }
            : sizes;
        for (const kind of KINDS) {
          context.log(
            `eventstoredb: ${run === 0 ? 'warm-up' : `run ${run} of ${sizes.runs}`} on ${kind}: ` +
              `${these.single} + ${these.concurrent} single appends, ${these.batched} in appends of 100, read, catch-up`,
          );
          const sample = await measure(stores[kind], pool, these, run * 1_009);
          if (run > 0) samples[kind].push(sample);
        }
      }
    } finally {
      await Promise.all(KINDS.map((kind) => stores[kind].close()));
      rmSync(dir, { recursive: true, force: true });
    }
    const sqlite = summary(samples.sqlite);
    const esdb = summary(samples.eventstoredb);
    const ratios = Object.fromEntries(
      FIGURES.map(({ key }) => [
        key,
        Math.round((esdb[key].eventsPerSecond / sqlite[key].eventsPerSecond) * 1000) / 1000,
      ]),
    ) as Record<Figure, number>;
    const rows: Row[] = FIGURES.flatMap((figure) =>
      KINDS.map((kind) => {
        const figures = (kind === 'sqlite' ? sqlite : esdb)[figure.key];
        return {
          scenario: `${kind === 'sqlite' ? 'SQLite' : `EventStoreDB ${target}`}: ${figure.scenario}`,
          measure: figure.measure,
          target: '',
          median: figures.eventsPerSecond,
          ...(figures.appendMs ? { p99: figures.appendMs.p99 } : {}),
          pass: null,
          note:
            (figures.appendMs
              ? `p99 in ms per append, median ${figures.appendMs.median} ms; `
              : '') +
            (kind === 'eventstoredb'
              ? `EventStoreDB ÷ SQLite ${ratios[figure.key]}`
              : 'the reference'),
        };
      }),
    );
    return {
      rows: [...rows, ...http.rows],
      details: {
        httpCaptures: http.details,
        server: { version, target, connection: connectionString.replace(/\/\/[^@/]*@/, '//') },
        sizes,
        sqlite,
        eventstoredb: esdb,
        eventstoredbOverSqlite: ratios,
        samples: {
          sqlite: samples.sqlite.map(rates),
          eventstoredb: samples.eventstoredb.map(rates),
        },
      },
    };
  },
};

/** A sample without its latencies, for the JSON. */
function rates(sample: Sample) {
  const { singleMs: _s, concurrentMs: _c, batchedMs: _b, ...rest } = sample;
  return rest;
}
