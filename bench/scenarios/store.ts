/*
 * The raw event store: single-event durable appends against a bare better-sqlite3 insert loop
 * with the same durability, batched appends (against the same bare loop in batches), and a
 * read of the whole log. The events are the synthetic newsroom's, so they have its sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEventIdGenerator,
  type EventToAppend,
  SqliteEventStore,
} from '@marginalia/event-store';
import { newsroomEvents, type PoolEvent } from '../newsroom/event-pool';
import { type BenchContext, pick, type Row, type Scenario, type ScenarioReport } from '../scenario';
import { median, perSecond, stopwatch, summarize } from '../stats';
import { bareReadAll, type BareRow, bareRows, inTurns, openBare } from './store-bare';

const nextId = createEventIdGenerator();

function withFresh(pool: PoolEvent[], count: number, offset = 0): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    ...pool[(offset + index) % pool.length]!,
    eventId: nextId(),
  }));
}

function tempFile(context: BenchContext, name: string): { file: string; remove(): void } {
  const dir = mkdtempSync(join(context.scratch, `${name}-`));
  return {
    file: join(dir, 'events.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Fifty claim streams, appended to in turn with their exact expected revision. */
function roundRobin(streams: number): (index: number) => [string, number] {
  const names = Array.from({ length: streams }, () => `claim-${nextId()}`);
  return (index) => [names[index % streams]!, Math.floor(index / streams)];
}

/** Single-event appends to 50 claim streams in turn, each with its exact expected revision. */
async function singleRun(context: BenchContext, events: EventToAppend[], rows: BareRow[]) {
  const a = tempFile(context, 'single-store');
  const b = tempFile(context, 'single-bare');
  const store = new SqliteEventStore({ file: a.file });
  const { db, insert } = await openBare(b.file);
  const transaction = db.transaction((row: BareRow) => insert.run(...row));
  const streamOf = roundRobin(50);
  try {
    return await inTurns(
      events.length,
      50,
      async (index) => {
        const [stream, revision] = streamOf(index);
        await store.append(stream, [events[index]!], {
          expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
        });
      },
      (index) => transaction.immediate(rows[index]!),
    );
  } finally {
    await store.close();
    db.close();
    a.remove();
    b.remove();
  }
}

/** Appends of `size` events to new streams; the bare loop commits the same batches. */
async function batchedRun(
  context: BenchContext,
  events: EventToAppend[],
  rows: BareRow[],
  size: number,
  keep: boolean,
) {
  const a = tempFile(context, `batched-${size}-store`);
  const b = tempFile(context, `batched-${size}-bare`);
  const store = new SqliteEventStore({ file: a.file });
  const { db, insert } = await openBare(b.file);
  const transaction = db.transaction((batch: BareRow[]) => {
    for (const row of batch) insert.run(...row);
  });
  try {
    const turns = await inTurns(
      Math.ceil(events.length / size),
      Math.max(1, Math.round(1000 / size)),
      async (batch) => {
        const slice = events.slice(batch * size, (batch + 1) * size);
        await store.append(`article-${nextId()}`, slice, { expectedRevision: 'no_stream' });
      },
      (batch) => transaction.immediate(rows.slice(batch * size, (batch + 1) * size)),
    );
    return { ...turns, store: keep ? store : undefined, file: a.file, remove: a.remove };
  } finally {
    if (!keep) {
      await store.close();
      a.remove();
    }
    db.close();
    b.remove();
  }
}

/** The whole log through the port, page by page (1,000 events), as catch-up readers read it. */
async function readAll(store: SqliteEventStore) {
  const pages: number[] = [];
  const elapsed = stopwatch();
  let after = 0;
  let events = 0;
  for (;;) {
    const one = stopwatch();
    const page = await store.readAll({ after, maxCount: 1000 });
    pages.push(one());
    events += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.position;
  }
  return { rate: perSecond(events, elapsed()), events, pages };
}

export const storeScenario: Scenario = {
  name: 'store',
  async run(context): Promise<ScenarioReport> {
    const single = pick(context, 2_000, 300);
    const singleRuns = pick(context, 5, 2);
    const batched = pick(context, 100_000, 10_000);
    const batchedRuns = pick(context, 3, 1);
    // The first 5,000 events of a newsroom without special articles, cycled through by the runs.
    const pool = await newsroomEvents(7, 5_000, context.scratch);
    const poolBytes = pool.reduce(
      (sum, event) =>
        sum + JSON.stringify(event.data).length + JSON.stringify(event.metadata).length,
      0,
    );
    const rows: Row[] = [];
    const details: Record<string, unknown> = {
      events: {
        pool: pool.length,
        meanJsonCharactersPerEvent: Math.round(poolBytes / pool.length),
      },
    };

    // Single-event durable appends, the store and the bare loop in turns on fresh files.
    context.log(
      `store: ${singleRuns} × ${single} single-event appends, store and bare loop in turns`,
    );
    const storeRates: number[] = [];
    const bareRates: number[] = [];
    const storeLatencies: number[] = [];
    const bareLatencies: number[] = [];
    for (let run = 0; run <= singleRuns; run += 1) {
      const count = run === 0 ? Math.ceil(single / 4) : single;
      const events = withFresh(pool, count, run * single);
      const rowsOf = bareRows(withFresh(pool, count, run * single), roundRobin(50));
      const turns = await singleRun(context, events, rowsOf);
      if (run === 0) continue;
      storeRates.push(perSecond(count, turns.storeTotalMs));
      bareRates.push(perSecond(count, turns.bareTotalMs));
      storeLatencies.push(...turns.storeMs);
      bareLatencies.push(...turns.bareMs);
    }
    const ratio = Math.round((median(bareRates) / median(storeRates)) * 100) / 100;
    rows.push(
      {
        scenario: 'store: single-event durable appends',
        measure: 'events/s',
        target: '≥ 3,000/s',
        median: median(storeRates),
        p99: summarize(storeLatencies).p99,
        pass: median(storeRates) >= 3000,
        note: `p99 in ms per append; bare loop ${median(bareRates)}/s, p99 ${summarize(bareLatencies).p99} ms`,
      },
      {
        scenario: 'store: single appends vs bare better-sqlite3 loop',
        measure: 'bare ÷ store',
        target: '≤ 2×',
        median: ratio,
        pass: ratio <= 2,
      },
    );
    details.single = {
      eventsPerRun: single,
      runs: singleRuns,
      store: { eventsPerSecond: storeRates, appendMs: summarize(storeLatencies) },
      bare: { eventsPerSecond: bareRates, transactionMs: summarize(bareLatencies) },
    };

    // Batched appends, 100 and 1,000 events per append, each in turns with the bare loop.
    let readLog: { store: SqliteEventStore; file: string; remove(): void } | undefined;
    const batchedDetails: Record<string, unknown> = {};
    for (const size of [100, 1000]) {
      context.log(
        `store: ${batchedRuns} × ${batched} events in appends of ${size}, store and bare loop in turns`,
      );
      const rates: number[] = [];
      const bare: number[] = [];
      const latencies: number[] = [];
      for (let run = 0; run <= batchedRuns; run += 1) {
        const count = run === 0 ? Math.ceil(batched / 5) : batched;
        const events = withFresh(pool, count, run * 977);
        const rowsOf = bareRows(withFresh(pool, count, run * 977), (index) => [
          `bench-${Math.floor(index / size)}`,
          index % size,
        ]);
        const keep = size === 100 && run === batchedRuns;
        const turns = await batchedRun(context, events, rowsOf, size, keep);
        if (keep) readLog = { store: turns.store!, file: turns.file, remove: turns.remove };
        if (run === 0) continue;
        rates.push(perSecond(count, turns.storeTotalMs));
        bare.push(perSecond(count, turns.bareTotalMs));
        latencies.push(...turns.storeMs);
      }
      rows.push({
        scenario: `store: batched appends, ${size.toLocaleString('en')} events per append`,
        measure: 'events/s',
        target: '≥ 100,000/s',
        median: median(rates),
        p99: summarize(latencies).p99,
        pass: median(rates) >= 100_000,
        note: `p99 in ms per append; bare loop in the same batches ${median(bare)}/s`,
      });
      batchedDetails[size] = {
        store: { eventsPerSecond: rates, appendMs: summarize(latencies) },
        bare: { eventsPerSecond: bare },
      };
    }
    details.batched = { eventsPerRun: batched, runs: batchedRuns, bySize: batchedDetails };

    // The whole log just written (appends of 100), read back through the port.
    const readRuns = pick(context, 5, 2);
    context.log(`store: ${readRuns} reads of the whole log (${batched} events)`);
    const readRates: number[] = [];
    const pageMs: number[] = [];
    const bareRowRates: number[] = [];
    const bareParsed: number[] = [];
    for (let run = 0; run <= readRuns; run += 1) {
      const result = await readAll(readLog!.store);
      const rowsOnly = bareReadAll(readLog!.file, false);
      const parsed = bareReadAll(readLog!.file, true);
      if (run === 0) continue;
      readRates.push(result.rate);
      pageMs.push(...result.pages);
      bareRowRates.push(rowsOnly);
      bareParsed.push(parsed);
    }
    await readLog!.store.close();
    readLog!.remove();
    rows.push({
      scenario: 'store: read of the whole log',
      measure: 'events/s',
      target: '≥ 300,000/s',
      median: median(readRates),
      p99: summarize(pageMs).p99,
      pass: median(readRates) >= 300_000,
      note: `p99 in ms per page of 1,000; bare better-sqlite3 on the same file: rows only ${Math.round(median(bareRowRates))}/s, with data and metadata parsed ${Math.round(median(bareParsed))}/s`,
    });
    details.readAll = {
      events: batched,
      runs: readRuns,
      eventsPerSecond: readRates,
      pageMs: summarize(pageMs),
      bare: { rowsOnlyEventsPerSecond: bareRowRates, rowsParsedEventsPerSecond: bareParsed },
    };
    return { rows, details };
  },
};
