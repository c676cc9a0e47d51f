import { join } from 'node:path';
import type { ChainBreakReason } from '@marginalia/event-store';
import type { IntegrityReport } from '@marginalia/read-models';
import type { LogProblem, LogProblemReason } from '@marginalia/verifiable-log';
import { import002 } from '../admin-api/support/desk';
import type { VerifyReport } from '../../apps/cli/src/commands/verify-report';
import { buildCli, runCli } from '../cli/built-cli';
import { startAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { waitUntilCaughtUp } from './support/data-folder';
import {
  appendThroughStore,
  backdate,
  buildBaseLog,
  copyDataFolder,
  deletePositions,
  deleteStream,
  editData,
  type LogRow,
  readRows,
  rechain,
  reissueWithStolenKey,
  renameStream,
  storedEvents,
  swapPositions,
  truncateTail,
} from './support/log-tampering';

/*
 * Issue 15's tamper matrix: a real server's log, a checkpoint an auditor kept, then each edit an
 * insider with the SQLite file could make, on a copy of the data folder. The built CLI's
 * integrity report must catch every edit the log alone reveals, and `verify` with the kept
 * checkpoint every edit at all, each naming the first leaf or checkpoint that fails.
 */

/** Set on the server and the CLI alike: the checkpoints' first line names it. */
const ENV = { LOG_ORIGIN: 'news.example/marginalia' };

/** The base log's event types by position, from 1 (checked before any case runs). */
const BASE_TYPES = [
  'ArticleImported', // 1 article A
  'ArticleImported', // 2 article B
  'ClaimCaptured', // 3 claim X on A
  'ClaimAssigned', // 4
  'VerdictDrafted', // 5
  'VerdictSubmitted', // 6
  'ClaimCaptured', // 7 claim Y on B
  'VerdictApproved', // 8 X
  'VerdictPublished', // 9 X
  'ClaimAssigned', // 10 Y
  'ArticleRevised', // 11 A, re-imported
  'AnnotationReanchored', // 12 X, by the process manager
];
const SIZE = BASE_TYPES.length;
// On SQLite a leaf's index is its event's position - 1: position 9 is leaf 8.
const DAY_MS = 86_400_000;

type Expected = Partial<LogProblem> & { reason: LogProblemReason };

interface TamperCase {
  name: string;
  tamper(dataDir: string): void | Promise<void>;
  /**
   * The log's first problem, then others it must hold. The checkpoint problem at SIZE is the
   * issued checkpoint's, and verify must also report it for the kept one.
   */
  log: [Expected, ...Expected[]];
  /** The hash chains' verdict: ok, or the reason of their first break. */
  chains: 'ok' | ChainBreakReason;
}

describe('tampering with a stored log, caught by the checkpoint an auditor kept (issue 15)', () => {
  let work: ReturnType<typeof makeTempDir>;
  let base: string;
  let rows: LogRow[];
  /** The verifier key the auditor pinned, from GET /v1/log/key. */
  let key: string;
  const kept = () => join(work.path, 'kept-checkpoint');
  const streamOf = (position: number) => rows[position - 1]!.streamId;

  beforeAll(async () => {
    const build = buildCli();
    if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stderr}`);
    work = makeTempDir('marginalia-tamper-');
    base = join(work.path, 'base');
    const built = await buildBaseLog(base, kept(), ENV);
    expect(built.treeSize).toBe(SIZE);
    key = built.key;
    rows = readRows(base);
    expect(rows.map(({ type }) => type)).toEqual(BASE_TYPES);
  }, 120_000);

  afterAll(() => work?.remove());

  /** A fresh copy of the base data folder, for one case. */
  function copyOfBase(name: string): string {
    const dataDir = join(work.path, name.replace(/[^a-z0-9]+/gi, '-'));
    copyDataFolder(base, dataDir);
    return dataDir;
  }

  function cli<T>(args: string[], dataDir: string): { status: number | null; report: T } {
    const run = runCli(args, { dataDir, cwd: work.path, env: ENV });
    if (run.stdout === '') throw new Error(`${args[0]} printed nothing:\n${run.stderr}`);
    return { status: run.status, report: JSON.parse(run.stdout) as T };
  }
  const integrity = (dataDir: string) => cli<IntegrityReport>(['integrity'], dataDir);
  const verify = (dataDir: string) =>
    cli<VerifyReport>(['verify', '--checkpoint', kept(), '--key', key], dataDir);

  const cases: TamperCase[] = [
    {
      name: 'a published verdict edited in place',
      tamper: (dir) => editData(dir, 9, (data) => ({ ...data, rating: 'false' })),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 8 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'hash_mismatch',
    },
    {
      name: 'a published verdict edited, with the rest of its stream re-chained',
      tamper: (dir) => {
        editData(dir, 9, (data) => ({ ...data, rating: 'false' }));
        rechain(dir, [streamOf(9)]);
      },
      log: [
        { reason: 'leaf_mismatch', leafIndex: 8 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'ok',
    },
    {
      name: 'an event deleted from the middle of its stream',
      tamper: (dir) => deletePositions(dir, [4]),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 3 },
        { reason: 'position_gap', leafIndex: 3 },
        { reason: 'checkpoint_beyond_log', treeSize: SIZE },
      ],
      chains: 'revision_gap',
    },
    {
      name: 'a whole stream deleted',
      tamper: (dir) => deleteStream(dir, streamOf(7)),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 6 },
        { reason: 'position_gap', leafIndex: 6 },
        { reason: 'checkpoint_beyond_log', treeSize: SIZE },
      ],
      chains: 'ok',
    },
    {
      name: 'the tail cut off',
      tamper: (dir) => truncateTail(dir, 3),
      log: [{ reason: 'checkpoint_beyond_log', treeSize: SIZE }],
      chains: 'ok',
    },
    {
      name: 'the tail cut off and refilled through the store, so the log is dense again',
      tamper: async (dir) => {
        const [assigned, ...rest] = await storedEvents(dir, { after: SIZE - 3 });
        truncateTail(dir, 3);
        await appendThroughStore(dir, [
          { ...assigned!, data: { ...assigned!.data, assignee: 'checker-liu' } },
          ...rest,
        ]);
      },
      log: [
        { reason: 'leaf_mismatch', leafIndex: 9 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'ok',
    },
    {
      name: 'two events of different streams swapped',
      tamper: (dir) => swapPositions(dir, 6, 7),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 5 },
        { reason: 'recorded_time_went_back', leafIndex: 6 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'ok',
    },
    {
      name: 'a stream renamed',
      tamper: (dir) => renameStream(dir, streamOf(7), 'claim-01a2527a-0000-7000-8000-000000000000'),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 6 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'ok',
    },
    {
      name: 'a recorded time set back a day',
      tamper: (dir) => backdate(dir, 8, DAY_MS),
      log: [
        { reason: 'leaf_mismatch', leafIndex: 7 },
        { reason: 'recorded_time_went_back', leafIndex: 7 },
        { reason: 'checkpoint_root_mismatch', treeSize: SIZE },
      ],
      chains: 'ok',
    },
  ];

  describe.each(cases)('$name', ({ name, tamper, log, chains }) => {
    let dataDir: string;
    const [first, ...others] = log;
    const holds = (problems: object[], expected: Expected[]) =>
      expected.forEach((one) => expect(problems).toContainEqual(expect.objectContaining(one)));

    beforeAll(async () => {
      dataDir = copyOfBase(name);
      await tamper(dataDir);
    });

    it('fails verify with the kept checkpoint, naming the first leaf or checkpoint concerned', () => {
      const { status, report } = verify(dataDir);
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toMatchObject(first);
      holds(report.problems, others);
      const atKept = log.find(({ treeSize }) => treeSize === SIZE)!;
      holds(report.problems, [{ ...atKept, detail: expect.stringContaining('you kept') }]);
      expect(status).toBe(1);
    });

    it('fails the integrity report the same way, the log alone showing it', () => {
      const { status, report } = integrity(dataDir);
      expect(report.ok).toBe(false);
      expect(report.log.ok).toBe(false);
      expect(report.log.problems[0]).toMatchObject(first);
      holds(report.log.problems, others);
      expect(report.chains.ok).toBe(chains === 'ok');
      if (chains !== 'ok') expect(report.chains.broken[0]).toMatchObject({ reason: chains });
      expect(status).toBe(1);
    });
  });

  describe('a log rewritten with fresh hashes and fresh checkpoints signed with the stolen key', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = copyOfBase('stolen-key');
      editData(dataDir, 5, (data) => ({ ...data, rating: 'false' }));
      editData(dataDir, 9, (data) => ({ ...data, rating: 'false' }));
      rechain(dataDir);
      await reissueWithStolenKey(dataDir, [6, SIZE], ENV.LOG_ORIGIN);
    });

    it('fails verify with the kept checkpoint, whose root the rewritten log no longer has', () => {
      const { status, report } = verify(dataDir);
      expect(report).toMatchObject({ ok: false, treeSize: SIZE, checkpoints: 3 });
      expect(report.problems).toEqual([
        {
          reason: 'checkpoint_root_mismatch',
          treeSize: SIZE,
          detail: expect.stringContaining('the checkpoint you kept') as string,
        },
      ]);
      expect(status).toBe(1);
    });

    it('passes the integrity report, as the log and its own checkpoints were all rewritten to agree', () => {
      const { status, report } = integrity(dataDir);
      expect(report).toMatchObject({ ok: true, chains: { ok: true }, readModels: { ok: true } });
      expect(report.log).toMatchObject({ ok: true, treeSize: SIZE, checkpoints: 2, problems: [] });
      expect(status).toBe(0);
    });
  });

  describe('no false alarm', () => {
    it('passes verify and the integrity report on the untouched log', () => {
      const dataDir = copyOfBase('untouched');
      const verified = verify(dataDir);
      expect(verified.report).toMatchObject({ ok: true, treeSize: SIZE, problems: [] });
      expect(verified.status).toBe(0);
      const checked = integrity(dataDir);
      expect(checked.report).toMatchObject({ ok: true, log: { ok: true, treeSize: SIZE } });
      expect(checked.status).toBe(0);
    });

    it('passes verify and the integrity report on a log that merely grew', async () => {
      const dataDir = copyOfBase('grown');
      const api = await startAdminApi({ DATA_DIR: dataDir, ...ENV });
      try {
        await import002(api, 'tamper-grown');
        await waitUntilCaughtUp(api.url);
      } finally {
        await api.stop();
      }
      const verified = verify(dataDir);
      expect(verified.report).toMatchObject({ ok: true, problems: [] });
      expect(verified.report.treeSize).toBeGreaterThan(SIZE);
      expect(verified.status).toBe(0);
      const checked = integrity(dataDir);
      expect(checked.report).toMatchObject({ ok: true, log: { ok: true, problems: [] } });
      expect(checked.status).toBe(0);
    });
  });
});
