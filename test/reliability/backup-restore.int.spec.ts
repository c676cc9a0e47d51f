import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import {
  EVENT_STORE,
  type EventStore,
  iterateAll,
  type StoredEvent,
} from '@marginalia/event-store';
import { SqliteLogFile } from '@marginalia/event-store/sqlite/sqlite-log-file';
import { backupEventLog, type BackupSummary } from '../../apps/cli/src/commands/backup';
import { restoreEventLog } from '../../apps/cli/src/commands/restore';
import { type HealthReport } from '../../apps/admin-api/src/health/health.controller';
import { importArticle } from '../admin-api/support/article-requests';
import { coalCapture, verdictOf } from '../admin-api/support/claim-requests';
import { import002, PINYIN_IN_RECYCLING } from '../admin-api/support/desk';
import { type RunningAdminApi, startAdminApi, users } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';

const root = join(__dirname, '..', '..');

/*
 * The backup and restore commands (issue 9) on a real server's data folder: a backup taken while
 * the server writes over HTTP is a consistent prefix of its log, and checked; a restore checks
 * before it touches anything, refuses what it must, and gives a server that answers as the
 * original did at the backup's position.
 */
describe('backing up the event log while the server writes, and restoring it', () => {
  let source: ReturnType<typeof makeTempDir>;
  let work: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let store: EventStore;
  let articles: string[];
  /** The backups taken, each with the summary it answered. */
  const backups: Array<{ file: string; summary: BackupSummary }> = [];

  beforeAll(async () => {
    source = makeTempDir('marginalia-backup-source-');
    work = makeTempDir('marginalia-backup-');
    api = await startAdminApi({ DATA_DIR: source.path, RATE_LIMIT_PER_MINUTE: '1000000' });
    store = api.app.get<EventStore>(EVENT_STORE);
    // A story with a published correction (a new revision, re-anchored claims) and a verdict.
    const coal = (await importArticle(api, 'backup-000')).id;
    const pinyin = await import002(api, 'backup-002');
    articles = [coal, pinyin];
    await post('fact_checker', `/v1/articles/${pinyin}/claims`, {
      selector: { exact: '全市非煤工業(yè)增加值平均增速10%' },
    });
    const correction = await post('editor', `/v1/articles/${pinyin}/corrections`, {
      selector: PINYIN_IN_RECYCLING,
      kind: 'correction',
      replacement: '推動',
      notice: '更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」。',
    });
    await post('standards_editor', `/v1/corrections/${String(correction.id)}/approve`, {});
    await settled(api.url);
    const published = await request(api.url)
      .get(`/v1/corrections/${String(correction.id)}`)
      .set('Authorization', `Bearer ${await api.token('auditor')}`);
    expect(published.body).toMatchObject({ status: 'published', publishedRevision: 2 });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    source?.remove();
    work?.remove();
  });

  async function post(role: keyof typeof users, path: string, body: object) {
    const response = await request(api.url)
      .post(path)
      .set('Authorization', `Bearer ${await api.token(role)}`)
      .send(body);
    if (response.status >= 300) {
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as Record<string, unknown>;
  }

  /**
   * Clients that keep writing until stopped: each captures a claim and takes it through to a
   * published verdict (the approval is one append of two events).
   */
  function startWriters(clients = 3) {
    let stopping = false;
    let writes = 0;
    const loop = async (client: number) => {
      for (let n = 1; !stopping; n += 1) {
        const claim = await post('fact_checker', `/v1/articles/${articles[0]!}/claims`, {
          ...coalCapture,
          statement: `山西省2023年煤炭产量达到13.78亿吨（写入者${client}第${n}条）`,
        });
        const id = String(claim.id);
        await post('editor', `/v1/claims/${id}/assignment`, { assignee: users.fact_checker.sub });
        await post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf());
        await post('fact_checker', `/v1/claims/${id}/verdict/submit`, {});
        await post('standards_editor', `/v1/claims/${id}/verdict/approve`, {});
        writes += 5;
      }
    };
    const loops = Array.from({ length: clients }, (_, client) => loop(client + 1));
    return {
      writes: () => writes,
      async stop() {
        stopping = true;
        await Promise.all(loops);
      },
    };
  }

  async function whileWriting<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; before: number; after: number }> {
    const writers = startWriters();
    try {
      while (writers.writes() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = await store.headPosition();
      const result = await work();
      const after = await store.headPosition();
      return { result, before, after };
    } finally {
      await writers.stop();
    }
  }

  /** The backup holds exactly the live log's first events, and cuts no append in two. */
  async function expectConsistentPrefix(file: string, summary: BackupSummary): Promise<void> {
    const copy = new SqliteLogFile(file);
    const copied: StoredEvent[] = [];
    try {
      for await (const event of iterateAll(copy, { pageSize: 500 })) copied.push(event);
    } finally {
      copy.close();
    }
    const head = summary.headPosition;
    expect(copied).toHaveLength(head);
    expect(summary.events).toBe(head);
    const live: StoredEvent[] = [];
    for await (const event of iterateAll(store, { until: head + 1 })) live.push(event);
    expect(copied).toEqual(live.slice(0, head));
    expect(copied.map((event) => event.position)).toEqual(
      Array.from({ length: head }, (_, index) => index + 1),
    );
    // The next live event, if any, belongs to another append than the backup's last event.
    const last = live[head - 1]!;
    const next = live[head];
    if (next) expect(sameAppend(last, next)).toBe(false);
    expect(summary.streams).toBe(new Set(copied.map((event) => event.streamId)).size);
    expect(summary.sha256).toBe(sha256(file));
  }

  it('copies a consistent prefix of the log, checked, while clients keep writing (called directly)', async () => {
    const file = join(work.path, 'direct.db');
    const {
      result: summary,
      before,
      after,
    } = await whileWriting(() => backupEventLog(source.path, file));
    expect(summary).toMatchObject({ file, ok: true });
    expect(summary.headPosition).toBeGreaterThanOrEqual(before);
    expect(summary.headPosition).toBeLessThanOrEqual(after);
    expect(after).toBeGreaterThan(before);
    await expectConsistentPrefix(file, summary);
    backups.push({ file, summary });
  });

  it('does the same through the CLI, in another process', async () => {
    const file = join(work.path, 'cli.db');
    const {
      result: run,
      before,
      after,
    } = await whileWriting(() => cli({ DATA_DIR: source.path }, 'backup', file));
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const summary = JSON.parse(run.stdout) as BackupSummary;
    expect(summary).toMatchObject({ file, ok: true });
    expect(summary.headPosition).toBeGreaterThanOrEqual(before);
    expect(summary.headPosition).toBeLessThanOrEqual(after);
    expect(after).toBeGreaterThan(before);
    await expectConsistentPrefix(file, summary);
    backups.push({ file, summary });
  });

  it('never overwrites a file, and points EventStoreDB deployments to their own backups', async () => {
    const { file } = backups[0]!;
    const before = sha256(file);
    await expect(backupEventLog(source.path, file)).rejects.toThrow(/exists already/);
    expect(sha256(file)).toBe(before);

    const refused = await cli(
      {
        DATA_DIR: source.path,
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      },
      'backup',
      join(work.path, 'never.db'),
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/EventStoreDB server with its own procedure/);
    expect(refused.stderr).toMatch(/npm run cli -- migrate/);
    expect(existsSync(join(work.path, 'never.db'))).toBe(false);
  });

  describe('restoring', () => {
    let target: ReturnType<typeof makeTempDir>;
    beforeAll(() => (target = makeTempDir('marginalia-restore-')));
    afterAll(() => target?.remove());

    it('restores into a fresh data folder, where a server answers as the original did then', async () => {
      const { file, summary } = backups[1]!;
      const run = await cli({ DATA_DIR: target.path }, 'restore', file);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        ok: true,
        events: summary.events,
        headPosition: summary.headPosition,
        sha256: summary.sha256,
        movedAside: [],
      });
      expect(readdirSync(target.path)).toEqual(['events.db']);

      // No read models, no process-manager checkpoint: both start from position 0.
      const restored = await startAdminApi({ DATA_DIR: target.path });
      try {
        await settled(restored.url);
        const head = summary.headPosition;
        // The process managers went over the whole log again and appended nothing.
        expect(await restored.headPosition()).toBe(head);
        const auditor = `Bearer ${await restored.token('auditor')}`;
        const original = `Bearer ${await api.token('auditor')}`;
        const read = async (url: string, token: string, path: string): Promise<unknown> => {
          const response = await request(url).get(path).set('Authorization', token);
          expect({ path, status: response.status }).toEqual({ path, status: 200 });
          return response.type === 'application/x-ndjson'
            ? response.text
            : (response.body as unknown);
        };
        for (const articleId of articles) {
          const then = await read(api.url, original, `/v1/articles/${articleId}/view?at=${head}`);
          expect(await read(restored.url, auditor, `/v1/articles/${articleId}/view`)).toEqual(then);
          const history = (url: string, token: string) =>
            read(url, token, `/v1/articles/${articleId}/history?format=jsonl`);
          const restoredHistory = (await history(restored.url, auditor)) as string;
          const originalHistory = (await history(api.url, original)) as string;
          const upTo = (jsonl: string) =>
            jsonl
              .split('\n')
              .filter(
                (line) =>
                  line !== '' && (JSON.parse(line) as { position: number }).position <= head,
              );
          expect(upTo(restoredHistory)).toEqual(upTo(originalHistory));
          expect(upTo(restoredHistory).length).toBeGreaterThan(0);
        }
        const integrity = await read(restored.url, auditor, '/v1/admin/integrity');
        expect(integrity).toMatchObject({ ok: true, events: head });
      } finally {
        await restored.stop();
      }
    });

    it('refuses a tampered backup by its stream and revision, and changes nothing in the folder', async () => {
      const tampered = join(work.path, 'tampered.db');
      copyFileSync(backups[0]!.file, tampered);
      const db = new Database(tampered);
      const edited = db
        .prepare(
          "SELECT position, stream_id AS streamId, revision FROM events WHERE type = 'ClaimEdited' OR type = 'VerdictDrafted' ORDER BY position LIMIT 1",
        )
        .get() as { position: number; streamId: string; revision: number };
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.summary', '篡改过的结论') WHERE position = ?",
      ).run(edited.position);
      db.close();

      const before = snapshot(target.path);
      const refused = await restoreEventLog({
        backup: tampered,
        dataDir: target.path,
        force: true,
      });
      expect(refused).toMatchObject({ ok: false, refused: 'backup_not_sound' });
      expect(refused.ok === false && refused.problems).toEqual([
        expect.stringContaining(
          `stream ${edited.streamId} revision ${edited.revision} (position ${edited.position}): hash_mismatch`,
        ),
      ]);
      const run = await cli({ DATA_DIR: target.path }, 'restore', tampered, '--force');
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`stream ${edited.streamId} revision ${edited.revision}`);
      expect(snapshot(target.path)).toEqual(before);
    });

    it('refuses a backup with its last events cut off, which no hash chain shows', async () => {
      const cut = join(work.path, 'cut.db');
      copyFileSync(backups[0]!.file, cut);
      const db = new Database(cut);
      db.prepare('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)').run();
      db.close();
      const before = snapshot(target.path);
      const refused = await restoreEventLog({ backup: cut, dataDir: target.path, force: true });
      expect(refused).toMatchObject({ ok: false, refused: 'backup_not_sound' });
      expect(refused.ok === false && refused.problems).toEqual([
        expect.stringMatching(/its last events were removed/),
      ]);
      expect(snapshot(target.path)).toEqual(before);
    });

    it('refuses to replace an existing log without --force, or one a server has open', async () => {
      const { file } = backups[0]!;
      const before = snapshot(target.path);
      expect(
        await restoreEventLog({ backup: file, dataDir: target.path, force: false }),
      ).toMatchObject({
        ok: false,
        refused: 'log_exists',
      });
      expect(snapshot(target.path)).toEqual(before);

      // The original server still runs on its folder: even --force is refused there.
      const live = snapshot(source.path, ['events.db']);
      expect(
        await restoreEventLog({ backup: file, dataDir: source.path, force: true }),
      ).toMatchObject({
        ok: false,
        refused: 'log_in_use',
      });
      expect(snapshot(source.path, ['events.db'])).toEqual(live);
    });

    it('with --force moves the log and the derived files aside, deleting nothing', async () => {
      const { file, summary } = backups[0]!;
      const before = snapshot(target.path);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining([
          'events.db',
          'read-models.db',
          'process-managers.db',
          'idempotency.db',
        ]),
      );
      const now = new Date('2024-03-09T10:11:12.345Z');
      const result = await restoreEventLog({
        backup: file,
        dataDir: target.path,
        force: true,
        now,
      });
      expect(result).toMatchObject({ ok: true, headPosition: summary.headPosition });
      const after = snapshot(target.path);
      const suffix = '.replaced-2024-03-09T10-11-12-345Z';
      for (const [name, hash] of Object.entries(before)) {
        const aside = name.replace(
          /^(events|read-models|process-managers|idempotency|log-tree)\.db/,
          `$1.db${suffix}`,
        );
        expect({ name, hash: after[aside] }).toEqual({ name, hash });
      }
      expect(after['events.db']).toBe(summary.sha256);
      // The log's signing key stays: checkpoints of the restored log are signed by the same key.
      expect(Object.keys(after).filter((name) => !name.includes(suffix))).toEqual([
        'events.db',
        'jwt-secret',
        'log-signing-key',
      ]);
    });
  });
});

/** Whether two neighbouring events were stored by one append (one command's batch). */
function sameAppend(a: StoredEvent, b: StoredEvent): boolean {
  return (
    a.streamId === b.streamId &&
    a.recordedAt === b.recordedAt &&
    a.metadata.causationId === b.metadata.causationId &&
    b.position === a.position + 1
  );
}

/** Waits until a server's projector and process managers have handled its whole log. */
async function settled(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const report = (await request(url).get('/health').expect(200)).body as HealthReport;
    const head = report.store.headPosition;
    if (report.projector.position === head && report.processManagers.position === head) {
      const again = (await request(url).get('/health').expect(200)).body as HealthReport;
      if (again.store.headPosition === head) return;
    }
    if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file of a folder (or the ones named) with its SHA-256. */
function snapshot(dir: string, only?: string[]): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !only || only.includes(name))
      .sort()
      .map((name) => [name, sha256(join(dir, name))]),
  );
}

/** The CLI as `npm run cli` runs it, compiled on the fly, in a child process (not blocking). */
function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './scripts/register-ts.js', 'apps/cli/src/main.ts', ...args],
      { cwd: root, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
