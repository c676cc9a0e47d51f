import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainBreakReason } from '@marginalia/event-store';
import type { IntegrityReport } from '@marginalia/read-models';
import type { LogProblem, LogProblemReason } from '@marginalia/verifiable-log';
import { importArticle, reimportOf000 } from '../admin-api/support/article-requests';
import { Newsroom } from '../admin-api/support/claim-requests';
import { import002, NON_COAL_GROWTH } from '../admin-api/support/desk';
import { buildCli, type Run, runCli } from '../cli/built-cli';
import { startAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { waitUntilCaughtUp } from './support/data-folder';
import {
  appendThroughStore,
  backdate,
  copyDataFolder,
  deletePositions,
  deleteStream,
  editData,
  type LogRow,
  readRows,
  rechain,
  storedEvents,
  reissueWithStolenKey,
  renameStream,
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

/** The base log, position by position from 1 (checked before any case runs). */
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
const DAY_MS = 86_400_000;

type Expected = Partial<LogProblem> & { reason: LogProblemReason };

interface TamperCase {
  name: string;
  tamper(dataDir: string): void | Promise<void>;
  /** The integrity report's log part: its first problem, then others it must hold. */
  log: [Expected, ...Expected[]];
  /** The hash chains' verdict: ok, or the reason of their first break. */
  chains: 'ok' | ChainBreakReason;
}

describe('tampering with a stored log, caught by the checkpoint an auditor kept (issue 15)', () => {
  let work: ReturnType<typeof makeTempDir>;
  let base: string;
  let rows: LogRow[];
  const streamOf = (position: number) => rows[position - 1]!.streamId;

  beforeAll(async () => {
    const build = buildCli();
    if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stderr}`);
    work = makeTempDir('marginalia-tamper-');
    base = join(work.path, 'base');
    const api = await startAdminApi({ DATA_DIR: base, ...ENV });
    try {
      const desk = await Newsroom.of(api);
      const coal = (await importArticle(api, 'tamper-000')).id;
      const pinyin = await import002(api, 'tamper-002');
      const x = await desk.claimInReview(coal);
      const y = await desk.capture(pinyin, {
        selector: { exact: NON_COAL_GROWTH },
        claimant: '劉文華',
        topics: [],
      });
      await desk.step('standards_editor', `/v1/claims/${x}/verdict/approve`);
      await desk.step('editor', `/v1/claims/${y.id}/assignment`, { assignee: 'checker-wang' });
      await desk.post('editor', `/v1/articles/${coal}/revisions`, reimportOf000).expect(201);
      await waitUntilCaughtUp(api.url);
      const issued = await desk.post('admin', '/v1/admin/log/checkpoints').expect(201);
      expect(issued.body).toMatchObject({ treeSize: SIZE });
      writeFileSync(join(work.path, 'kept-checkpoint'), (issued.body as { note: string }).note);
    } finally {
      await api.stop();
    }
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

  function integrity(dataDir: string): { run: Run; report: IntegrityReport } {
    const run = runCli(['integrity'], { dataDir, cwd: work.path, env: ENV });
    if (run.stdout === '') throw new Error(`integrity printed nothing:\n${run.stderr}`);
    return { run, report: JSON.parse(run.stdout) as IntegrityReport };
  }

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

    beforeAll(async () => {
      dataDir = copyOfBase(name);
      await tamper(dataDir);
    });

    it('fails the integrity report, which names the first leaf or checkpoint concerned', () => {
      const { run, report } = integrity(dataDir);
      expect(run.status).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.log.ok).toBe(false);
      const [first, ...others] = log;
      expect(report.log.problems[0]).toMatchObject(first);
      for (const other of others)
        expect(report.log.problems).toContainEqual(expect.objectContaining(other));
      expect(report.chains.ok).toBe(chains === 'ok');
      if (chains !== 'ok') expect(report.chains.broken[0]).toMatchObject({ reason: chains });
    });
  });

  it('passes the integrity report of a log rewritten with fresh checkpoints signed with the stolen key: the log alone cannot tell', async () => {
    const dataDir = copyOfBase('stolen-key');
    editData(dataDir, 5, (data) => ({ ...data, rating: 'false' }));
    editData(dataDir, 9, (data) => ({ ...data, rating: 'false' }));
    rechain(dataDir);
    await reissueWithStolenKey(dataDir, [6, SIZE], ENV.LOG_ORIGIN);
    const { run, report } = integrity(dataDir);
    expect(report).toMatchObject({ ok: true, chains: { ok: true }, readModels: { ok: true } });
    expect(report.log).toMatchObject({ ok: true, treeSize: SIZE, checkpoints: 2, problems: [] });
    expect(run.status).toBe(0);
  });

  it('passes the integrity report of the untouched log', () => {
    const { run, report } = integrity(copyOfBase('untouched'));
    expect(report.log).toMatchObject({ ok: true, treeSize: SIZE, problems: [] });
    expect(report.ok).toBe(true);
    expect(run.status).toBe(0);
  });

  it('passes the integrity report of a log that merely grew', async () => {
    const dataDir = copyOfBase('grown');
    mkdirSync(dataDir, { recursive: true });
    const api = await startAdminApi({ DATA_DIR: dataDir, ...ENV });
    try {
      await import002(api, 'tamper-grown');
      await waitUntilCaughtUp(api.url);
    } finally {
      await api.stop();
    }
    const { run, report } = integrity(dataDir);
    expect(report.log.treeSize).toBeGreaterThan(SIZE);
    expect(report.log).toMatchObject({ ok: true, problems: [] });
    expect(report.ok).toBe(true);
    expect(run.status).toBe(0);
  });
});
