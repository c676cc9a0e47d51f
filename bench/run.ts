/*
 * npm run bench [-- --quick] [-- --only=store,http] [-- --out=bench/results/latest.json]
 *
 * Every scenario of issue 8 in order, each after a warm-up and with several repetitions, on a
 * synthetic newsroom built from the corpus. Prints a table of targets and medians, and writes
 * the JSON with the machine, the data sizes and every sample. docs/benchmarks.md says what each
 * scenario measures exactly. Exits with 1 when a scenario failed to run (not when a target is
 * missed: a miss is a result).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describeMachine } from './machine';
import { NewsroomPhases, type NewsroomSizes, type Phase } from './newsroom/phases';
import { type BenchContext, type Row, type Scenario, type ScenarioReport } from './scenario';
import { consoleScenario } from './console/first-render.bench';
import { commandBusScenario } from './scenarios/command-bus';
import { type GrowthPoint, growthRows, measureGrowth } from './scenarios/growth';
import { eventStoreDbScenario } from './scenarios/eventstoredb';
import { httpScenario } from './scenarios/http';
import { reanchoringScenario } from './scenarios/reanchoring';
import { reimportScenario } from './scenarios/reimport';
import { rebuildScenario, replayScenario } from './scenarios/read-side';
import { storeScenario } from './scenarios/store';
import { verifiableLogScenario } from './scenarios/verifiable-log';
import { round, stopwatch } from './stats';

const SCENARIOS = [
  'reanchoring',
  'reimport',
  'store',
  'eventstoredb',
  'growth',
  'command-bus',
  'rebuild',
  'replay',
  'verifiable-log',
  'http',
  'console',
];

const FULL: NewsroomSizes = {
  small: 10_000,
  medium: 100_000,
  large: 1_000_000,
  annotatedClaims: 1000,
  longHistoryEvents: 10_000,
};
const QUICK: NewsroomSizes = {
  small: 2_000,
  medium: 10_000,
  large: 30_000,
  annotatedClaims: 200,
  longHistoryEvents: 2_000,
};

interface Options {
  quick: boolean;
  only: string[];
  out: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false, only: SCENARIOS, out: 'bench/results/latest.json' };
  for (const argument of argv) {
    if (argument === '--quick') options.quick = true;
    else if (argument.startsWith('--only=')) {
      options.only = argument.slice('--only='.length).split(',').filter(Boolean);
      const unknown = options.only.filter((name) => !SCENARIOS.includes(name));
      if (unknown.length > 0)
        fail(`Unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
    } else if (argument.startsWith('--out=')) options.out = argument.slice('--out='.length);
    else fail(`Unknown option ${argument}; use --quick, --only=<scenario,…>, --out=<file>`);
  }
  return options;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

interface Outcome {
  seconds: number;
  report?: ScenarioReport;
  error?: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const total = stopwatch();
  const machine = describeMachine();
  const scratch = mkdtempSync(join(tmpdir(), 'marginalia-bench-'));
  const log = (message: string) =>
    console.log(`[${(total() / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const sizes = options.quick ? QUICK : FULL;
  const newsroom = new NewsroomPhases(sizes, scratch, log);
  const context: BenchContext = { quick: options.quick, scratch, newsroom, log };
  const selected = (name: string) => options.only.includes(name);
  const outcomes: Record<string, Outcome> = {};
  const growth: GrowthPoint[] = [];
  const cleanUp = async () => {
    await newsroom.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });

  log(
    `${options.quick ? 'quick' : 'full'} run of ${options.only.join(', ')} on ${machine.cores} × ${machine.cpu}, ` +
      `${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverageAtStart}`,
  );
  const run = async (scenario: Scenario) => {
    const elapsed = stopwatch();
    try {
      outcomes[scenario.name] = { seconds: 0, report: await scenario.run(context) };
    } catch (error) {
      log(`${scenario.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      outcomes[scenario.name] = { seconds: 0, error: String(error) };
    }
    outcomes[scenario.name]!.seconds = Math.round(elapsed() / 100) / 10;
  };
  const growthAt = async (phase: Phase) => {
    if (!selected('growth')) return;
    const elapsed = stopwatch();
    try {
      growth.push(await measureGrowth(context, await newsroom.snapshot(phase)));
    } catch (error) {
      log(`growth FAILED: ${(error as Error).stack ?? String(error)}`);
      outcomes.growth = { seconds: 0, error: String(error) };
    }
    const seconds = (outcomes.growth?.seconds ?? 0) + elapsed() / 1000;
    outcomes.growth = { ...outcomes.growth, seconds: Math.round(seconds * 10) / 10 };
  };
  const medium = () => newsroom.snapshot('medium');
  const large = () => newsroom.snapshot('large');

  try {
    if (selected('reanchoring')) await run(reanchoringScenario);
    if (selected('reimport')) await run(reimportScenario);
    if (selected('store')) await run(storeScenario);
    if (selected('eventstoredb')) await run(eventStoreDbScenario);
    await growthAt('small');
    newsroom.release('small');
    // Growth appends to the snapshot it measures: after the scenarios that need it untouched.
    if (selected('command-bus')) await run(commandBusScenario(medium));
    if (selected('rebuild')) await run(rebuildScenario(medium));
    if (selected('replay')) await run(replayScenario(medium));
    if (selected('verifiable-log')) await run(verifiableLogScenario(medium));
    await growthAt('medium');
    newsroom.release('medium');
    if (selected('http')) await run(httpScenario(large));
    await growthAt('large');
    newsroom.release('large');
    if (selected('console')) await run(consoleScenario);
    if (selected('growth') && !outcomes.growth?.error) {
      outcomes.growth = {
        seconds: outcomes.growth?.seconds ?? 0,
        report: { rows: growthRows(growth, options.quick), details: { points: growth } },
      };
    }
  } finally {
    await cleanUp();
  }

  const order = SCENARIOS.filter((name) => outcomes[name]);
  const rows = order.flatMap((name) => outcomes[name]!.report?.rows ?? []);
  const result = {
    benchmark: 'marginalia',
    mode: options.quick ? 'quick' : 'full',
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round(total() / 1000),
    machine: { ...machine, loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    scenarios: order,
    data: newsroom.describe(),
    table: rows,
    results: outcomes,
  };
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log();
  console.log(
    table(
      rows,
      order.filter((name) => outcomes[name]!.error),
    ),
  );
  console.log();
  console.log(
    `${result.mode} run in ${result.durationSeconds} s; load average ${machine.loadAverageAtStart} at start, ` +
      `${result.machine.loadAverageAtEnd} at end on ${machine.cores} cores; JSON in ${out}`,
  );
  if (order.some((name) => outcomes[name]!.error)) process.exitCode = 1;
}

function table(rows: Row[], failed: string[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.target,
    `${format(row.median)} ${row.measure}`,
    row.p99 === undefined ? '' : format(row.p99),
    row.pass === null ? '—' : row.pass ? 'met' : 'MISSED',
  ]);
  const header = ['scenario', 'target', 'median', 'p99', 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: string[]) =>
    values.map((value, column) => value.padEnd(widths[column]!)).join(' | ');
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...cells.map(line),
    ...failed.map((name) => `${name}: FAILED to run, see the log above`),
  ].join('\n');
}

function format(value: number): string {
  return round(value).toLocaleString('en');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
