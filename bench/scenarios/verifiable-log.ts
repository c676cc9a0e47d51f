/*
 * The verifiable log's costs (issue 15): `verify` of a 1,000,000-event log (auditSqliteLog, and
 * auditStoredLog for comparison), inclusion and consistency proofs at 1,000,000 leaves through
 * LogTree over a real tree file, and capture throughput over HTTP against the server of main
 * before the issue (verifiable-log-capture.ts).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  auditSqliteLog,
  auditStoredLog,
  Checkpointer,
  createEventIdGenerator,
  LogTree,
  SqliteEventStore,
  TreeFile,
} from '@marginalia/event-store';
import { generateSigner, type LogAuditReport, parseVerifierKey } from '@marginalia/verifiable-log';
import { Random } from '../anchoring/random';
import { newsroomEvents } from '../newsroom/event-pool';
import { type PhaseSnapshot } from '../newsroom/phases';
import { type BenchContext, pick, type Row, type Scenario } from '../scenario';
import { median, perSecond, stopwatch, summarize } from '../stats';
import { measureCapture } from './verifiable-log-capture';

const ORIGIN = 'bench.example/marginalia';

export const verifiableLogScenario = (snapshot: () => Promise<PhaseSnapshot>): Scenario => ({
  name: 'verifiable-log',
  async run(context) {
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};
    const dir = join(context.scratch, 'verifiable-log');
    try {
      const log = await buildLog(context, dir, pick(context, 1_000_000, 30_000));
      details.log = log.details;
      await measureVerify(context, log, rows, details);
      measureProofs(context, log, rows, details);
      log.close();
      await measureCapture(context, await snapshot(), rows, details);
      return { rows, details };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

interface BuiltLog {
  file: string;
  events: number;
  store: SqliteEventStore;
  treeFile: TreeFile;
  tree: LogTree;
  /** The checkpoint an auditor kept, of the whole log. */
  kept: string;
  verifierKey: string;
  details: Record<string, unknown>;
  close(): void;
}

/**
 * A log of the newsroom's events (the first 20,000 of a newsroom, cycled with fresh ids),
 * appended straight to a SqliteEventStore in appends of 100, 50 at a time (one commit each
 * group), then its tree file followed from it and one checkpoint issued, as the server does.
 */
async function buildLog(context: BenchContext, dir: string, events: number): Promise<BuiltLog> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.db');
  context.log(`verifiable-log: appending ${events.toLocaleString('en')} events to a fresh log`);
  const pool = await newsroomEvents(15, 20_000, context.scratch);
  const nextId = createEventIdGenerator();
  const store = new SqliteEventStore({ file, crossProcessWakeups: false, groupCommit: true });
  const appending = stopwatch();
  for (let done = 0, stream = 0; done < events;) {
    const group: Array<Promise<unknown>> = [];
    for (let append = 0; append < 50 && done < events; append += 1) {
      const size = Math.min(100, events - done);
      const batch = Array.from({ length: size }, (_, index) => ({
        ...pool[(done + index) % pool.length]!,
        eventId: nextId(),
      }));
      group.push(store.append(`bench-${++stream}`, batch, { expectedRevision: 'no_stream' }));
      done += size;
    }
    await Promise.all(group);
  }
  const appendMs = appending();
  context.log(`verifiable-log: following the log into its tree file`);
  const treeFile = new TreeFile(join(dir, 'log-tree.db'));
  const tree = new LogTree(store, treeFile);
  const following = stopwatch();
  await tree.catchUp();
  const followMs = following();
  const { signer, verifierKey } = generateSigner(ORIGIN, Buffer.alloc(32, 15));
  const checkpointer = new Checkpointer(
    tree,
    signer,
    ORIGIN,
    () => new Date(),
    () => undefined,
  );
  const kept = checkpointer.issue().note;
  return {
    file,
    events,
    store,
    treeFile,
    tree,
    kept,
    verifierKey,
    details: {
      events,
      eventsFileMiB: Math.round(statSync(file).size / 2 ** 20),
      appendMs: Math.round(appendMs),
      treeFollowMs: Math.round(followMs),
      treeFileMiB: Math.round(statSync(treeFile.file).size / 2 ** 20),
    },
    close: () => {
      checkpointer.stop();
      treeFile.close();
      void store.close();
    },
  };
}

/**
 * What `npm run cli -- verify` does locally: the whole log rebuilt and checked against the
 * kept checkpoint, the issued ones and the tree file's leaves. A warm-up, then timed runs;
 * auditStoredLog (through the store's port) once, for comparison.
 */
async function measureVerify(
  context: BenchContext,
  log: BuiltLog,
  rows: Row[],
  details: Record<string, unknown>,
) {
  const verifiers = [parseVerifierKey(log.verifierKey)];
  const options = {
    verifiers,
    checkpoints: [
      { note: log.kept, source: 'kept' as const },
      ...log.treeFile.checkpoints(0, 1000).map(({ note }) => ({ note, source: 'issued' as const })),
    ],
    densePositions: true,
    treeFile: log.treeFile,
  };
  const timed = async (audit: () => Promise<LogAuditReport>) => {
    const elapsed = stopwatch();
    const report = await audit();
    const ms = elapsed();
    if (!report.ok || report.treeSize !== log.events) {
      throw new Error(`The log did not verify: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    return { ms, rate: perSecond(report.treeSize, ms), rootHash: report.rootHash };
  };
  const runs = pick(context, 3, 2);
  context.log(`verifiable-log: verify (auditSqliteLog), a warm-up and ${runs} runs`);
  await timed(() => auditSqliteLog(log.file, options));
  const fast = [];
  for (let run = 0; run < runs; run += 1) {
    fast.push(await timed(() => auditSqliteLog(log.file, options)));
  }
  context.log('verifiable-log: verify through the store (auditStoredLog), once');
  const plain = await timed(() => auditStoredLog(log.store, options));
  const rate = median(fast.map((run) => run.rate));
  const sameRoot = fast.every((run) => run.rootHash === plain.rootHash);
  rows.push({
    scenario: `verify of a ${log.events.toLocaleString('en')}-event log (auditSqliteLog)`,
    measure: 'events/s',
    target: '≥ 200,000/s',
    median: rate,
    pass: context.quick ? null : rate >= 200_000 && sameRoot,
    note: `through the store's port (auditStoredLog) ${plain.rate.toLocaleString('en')}/s; same root: ${sameRoot}`,
  });
  details.verify = {
    events: log.events,
    auditSqliteLog: { runs: fast.map(({ ms, rate: r }) => ({ ms: Math.round(ms), rate: r })) },
    auditStoredLog: { ms: Math.round(plain.ms), rate: plain.rate },
    sameRoot,
  };
}

/** Proofs through LogTree over the tree file, at its full size, for leaves and sizes at random. */
function measureProofs(
  context: BenchContext,
  log: BuiltLog,
  rows: Row[],
  details: Record<string, unknown>,
) {
  const size = log.tree.head().treeSize;
  const random = new Random(9162);
  const samples = pick(context, 2000, 300);
  const time = (proof: (value: number) => unknown) => {
    const values = Array.from({ length: samples + 100 }, () => random.int(1, size));
    return values
      .map((value) => {
        const elapsed = stopwatch();
        proof(value);
        return elapsed() * 1000;
      })
      .slice(100); // the first hundred warm the tree file's pages
  };
  context.log(`verifiable-log: ${samples} inclusion and consistency proofs at ${size} leaves`);
  const inclusion = summarize(time((leaf) => log.tree.inclusion(leaf - 1, size)));
  const consistency = summarize(time((first) => log.tree.consistency(first, size)));
  for (const [name, summary] of [
    ['inclusion', inclusion],
    ['consistency', consistency],
  ] as const) {
    rows.push({
      scenario: `${name} proof at ${size.toLocaleString('en')} leaves (LogTree)`,
      measure: 'µs',
      target: '< 5 ms',
      median: summary.median,
      p99: summary.p99,
      pass: context.quick ? null : summary.p99 < 5000,
      note: 'p99 in µs',
    });
  }
  details.proofs = { treeSize: size, unit: 'µs', inclusion, consistency };
}
