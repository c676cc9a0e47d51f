import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { backupEventLog, type BackupSummary } from '../../apps/cli/src/commands/backup';
import { restoreEventLog } from '../../apps/cli/src/commands/restore';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import {
  cli,
  newsroomToBackUp,
  settled,
  sha256,
  snapshot,
} from './support/backup-restore-newsroom';

/*
 * The backup and restore commands (issue 9) on a real server's data folder: a backup taken while
 * the server writes over HTTP is a consistent prefix of its log, and checked; a restore checks
 * before it touches anything, refuses what it must, and gives a server that answers as the
 * original did at the backup's position.
 */
describe('backing up the event log while the server writes, and restoring it', () => {
  const newsroom = newsroomToBackUp((env) => startAdminApi(env));
  const { whileWriting, expectConsistentPrefix } = newsroom;
  let source: ReturnType<typeof makeTempDir>;
  let work: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let articles: string[];
  beforeAll(() => ({ source, work, api, articles } = newsroom));

  /** The backups taken, each with the summary it answered. */
  const backups: Array<{ file: string; summary: BackupSummary }> = [];

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
