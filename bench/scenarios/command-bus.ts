/*
 * Capture-claim commands through the command bus, on the medium newsroom, after checking the
 * newsroom against the real application: the process managers replay the whole log from the
 * start and must find nothing left to do and remember what the bench wrote for them, and
 * commands on a sample of generated claims must be accepted by the real handlers.
 */
import Database from 'better-sqlite3';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RevisionText } from '@marginalia/anchoring';
import { type Actor } from '@marginalia/domain';
import {
  ApproveVerdictCommand,
  AssignClaimCommand,
  CaptureClaimCommand,
  type CommandResult,
  RetractVerdictCommand,
} from '@marginalia/editorial';
import { Random } from '../anchoring/random';
import { pickSpan } from '../newsroom/spans';
import { PROCESS_STATE_FILE } from '../newsroom/newsroom-log';
import { staff } from '../newsroom/people';
import { type PhaseSnapshot } from '../newsroom/phases';
import { pick, type Scenario } from '../scenario';
import { median, perSecond, stopwatch, summarize } from '../stats';
import { requestBy, startEditorial } from '../support/editorial';

export interface Capture {
  articleId: string;
  selector: { start: number; end: number };
}

/** Position selectors on the newsroom's ordinary articles, as a client would send them. */
export function captureTargets(snapshot: PhaseSnapshot, count: number, seed: number): Capture[] {
  const random = new Random(seed);
  const articles = snapshot.catalog.articles
    .filter((article) => article.articleId !== snapshot.catalog.firstArticleId)
    .map((article) => ({ ...article, indexed: RevisionText.of(article.text) }));
  return Array.from({ length: count }, () => {
    const article = random.pick(articles);
    const anchor = pickSpan(article.indexed, article.revision, 'claim', random);
    return { articleId: article.articleId, selector: { start: anchor.start, end: anchor.end } };
  });
}

const CALLERS = 50;

const reviewer: Actor = { sub: 'standards-bench', name: '核查主任', roles: ['standards_editor'] };

export const commandBusScenario = (snapshot: () => Promise<PhaseSnapshot>): Scenario => ({
  name: 'command-bus',
  async run(context) {
    const medium = await snapshot();
    const dir = join(context.scratch, 'command-bus');
    rmSync(dir, { recursive: true, force: true });
    cpSync(medium.dir, dir, { recursive: true });
    rmSync(join(dir, PROCESS_STATE_FILE), { force: true });
    rmSync(join(dir, 'read-models.db'), { force: true });

    context.log(
      `command-bus: the process managers replay ${medium.events.toLocaleString('en')} events`,
    );
    const replay = stopwatch();
    const editorial = await startEditorial(dir);
    try {
      const head = await editorial.store.headPosition();
      if (!(await editorial.processManagers.waitFor(head, 30 * 60_000))) {
        throw new Error('The process managers did not catch up with the newsroom');
      }
      const processManagersMs = replay();
      const appended = (await editorial.store.headPosition()) - head;
      const stateDifferences = compareProcessState(
        join(medium.dir, PROCESS_STATE_FILE),
        join(dir, PROCESS_STATE_FILE),
      );
      if (appended !== 0 || stateDifferences.length > 0) {
        throw new Error(
          `The newsroom is not what the application makes: the process managers appended ${appended} events; ` +
            `their state differs: ${stateDifferences.join('; ')}`,
        );
      }
      const sample = await sampleCommands(editorial.commands, medium);

      const runs = pick(context, 5, 2);
      const perRun = pick(context, 1000, 200);
      const warmUp = pick(context, 200, 50);
      const targets = captureTargets(medium, warmUp + 2 * runs * perRun, 1);
      context.log(`command-bus: ${runs} × ${perRun} capture-claim commands after ${warmUp}`);
      const checker = staff.factCheckers[0]!;
      const capture = async (target: Capture) => {
        const one = stopwatch();
        const result: CommandResult<unknown> = await editorial.commands.execute(
          new CaptureClaimCommand(
            { ...target, statement: null, claimant: null, topics: [] },
            requestBy(checker),
          ),
        );
        if (result.events.length !== 1) throw new Error('A capture appended no event');
        return one();
      };
      for (const target of targets.slice(0, warmUp)) await capture(target);
      const rates: number[] = [];
      const latencies: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const from = warmUp + run * perRun;
        const elapsed = stopwatch();
        for (const target of targets.slice(from, from + perRun))
          latencies.push(await capture(target));
        rates.push(perSecond(perRun, elapsed()));
      }
      // The same commands from 50 callers at once, as 50 HTTP connections send them.
      const concurrentRates: number[] = [];
      const concurrentLatencies: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const batch = targets.slice(warmUp + (runs + run) * perRun).slice(0, perRun);
        let next = 0;
        const elapsed = stopwatch();
        await Promise.all(
          Array.from({ length: CALLERS }, async () => {
            while (next < batch.length) concurrentLatencies.push(await capture(batch[next++]!));
          }),
        );
        concurrentRates.push(perSecond(perRun, elapsed()));
      }
      return {
        rows: [
          {
            scenario: 'capture-claim commands through the command bus',
            measure: 'commands/s',
            target: '≥ 2,000/s',
            median: median(rates),
            p99: summarize(latencies).p99,
            pass: median(rates) >= 2000,
            note: 'p99 in ms per command, one at a time',
          },
          {
            scenario: `capture-claim commands through the command bus, ${CALLERS} callers at once`,
            measure: 'commands/s',
            target: '',
            median: median(concurrentRates),
            p99: summarize(concurrentLatencies).p99,
            pass: null,
            note: 'for reference: p99 in ms per command',
          },
        ],
        details: {
          log: { events: medium.events },
          runs,
          commandsPerRun: perRun,
          warmUp,
          commandsPerSecond: rates,
          commandMs: summarize(latencies),
          concurrent: {
            callers: CALLERS,
            commandsPerSecond: concurrentRates,
            commandMs: summarize(concurrentLatencies),
          },
          validation: {
            processManagersReplayedWholeLogMs: Math.round(processManagersMs),
            processManagersAppended: appended,
            processManagersStateMatches: true,
            sampleCommands: sample,
          },
        },
      };
    } finally {
      await editorial.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

/** The real handlers take the next step on generated claims; a refusal fails the bench. */
async function sampleCommands(
  commands: { execute<T>(command: object): Promise<T> },
  snapshot: PhaseSnapshot,
): Promise<Record<string, number>> {
  const { claimsByStatus } = snapshot.catalog;
  const done: Record<string, number> = {};
  const run = async (label: string, ids: string[], make: (claimId: string) => object) => {
    for (const claimId of ids.slice(0, 10)) {
      const result: CommandResult<unknown> = await commands.execute(make(claimId));
      if (result.events.length === 0) throw new Error(`${label} on ${claimId} changed nothing`);
      done[label] = (done[label] ?? 0) + 1;
    }
  };
  const editor = staff.editors[0]!;
  await run('AssignClaim (open)', claimsByStatus.open ?? [], (claimId) => {
    return new AssignClaimCommand({ claimId, assignee: 'checker-bench' }, requestBy(editor));
  });
  await run('ApproveVerdict (in_review)', claimsByStatus.in_review ?? [], (claimId) => {
    return new ApproveVerdictCommand({ claimId }, requestBy(reviewer));
  });
  await run('RetractVerdict (published)', claimsByStatus.published ?? [], (claimId) => {
    return new RetractVerdictCommand({ claimId, reason: '抽样核对' }, requestBy(reviewer));
  });
  return done;
}

/** The rows the real process managers wrote against those the bench wrote for them. */
function compareProcessState(expectedFile: string, actualFile: string): string[] {
  const read = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        annotations: db
          .prepare('SELECT article_id, stream_id FROM article_annotations ORDER BY 1, 2')
          .all()
          .map((row) => JSON.stringify(row)),
        revisions: db
          .prepare('SELECT article_id, revision FROM article_revisions ORDER BY 1')
          .all()
          .map((row) => JSON.stringify(row)),
        checkpoints: db
          .prepare('SELECT name, position FROM checkpoints ORDER BY 1')
          .all()
          .map((row) => JSON.stringify(row)),
      };
    } finally {
      db.close();
    }
  };
  const expected = read(expectedFile);
  const actual = read(actualFile);
  const differences: string[] = [];
  for (const key of ['annotations', 'revisions', 'checkpoints'] as const) {
    if (expected[key].join('\n') !== actual[key].join('\n')) {
      differences.push(
        `${key}: bench ${expected[key].length} rows, process managers ${actual[key].length}`,
      );
    }
  }
  return differences;
}
