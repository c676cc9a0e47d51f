import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  emptyRoot,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
} from '@marginalia/verifiable-log';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { bearer, eventually, importText } from './support/desk';
import { expectRefused } from './support/refused';

const TEXT = '陽泉市2023年全市地區生產總值增長5.3%。';
/** A cadence that never fires during a test, to see what the start and the others do alone. */
const QUIET = { CHECKPOINT_INTERVAL_MS: '600000', CHECKPOINT_EVERY_EVENTS: '1000' };

interface Issued {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  note: string;
}

/** Every checkpoint the server issued, oldest first. */
async function issued(api: RunningAdminApi): Promise<Issued[]> {
  const response = await request(api.url)
    .get('/v1/log/checkpoints?limit=500')
    .set('Authorization', await bearer(api, 'auditor'))
    .expect(200);
  return (response.body as { items: Issued[] }).items;
}

const sizes = async (api: RunningAdminApi) => (await issued(api)).map((c) => c.treeSize);

/**
 * Each checkpoint verifies with the server's key, and extends the one before it: a consistency
 * proof from the server between them verifies against both signed roots.
 */
async function expectEachExtendsTheLast(api: RunningAdminApi): Promise<void> {
  const key = (await request(api.url).get('/v1/log/key').expect(200)).text;
  const auditor = await bearer(api, 'auditor');
  const opened = (await issued(api)).map(
    ({ note }) => openCheckpoint(note, [parseVerifierKey(key)]).checkpoint,
  );
  expect(opened.length).toBeGreaterThan(1);
  for (const [i, checkpoint] of opened.entries()) {
    const previous = opened[i - 1];
    if (checkpoint.treeSize === 0) expect(Buffer.from(checkpoint.rootHash)).toEqual(emptyRoot());
    if (!previous || previous.treeSize === 0) continue;
    const { first, second } = { first: previous.treeSize, second: checkpoint.treeSize };
    const proof = await request(api.url)
      .get(`/v1/log/proofs/consistency?first=${first}&second=${second}`)
      .set('Authorization', auditor)
      .expect(200);
    const hashes = (proof.body as { hashes: string[] }).hashes.map((h) => Buffer.from(h, 'base64'));
    expect(verifyConsistency(first, second, previous.rootHash, checkpoint.rootHash, hashes)).toBe(
      true,
    );
  }
}

/** When the server issues checkpoints by itself (SPEC §9), on the real app. */
describe('checkpoints issued by the server itself', () => {
  const running: RunningAdminApi[] = [];
  const start = async (env: Record<string, string>) => {
    const api = await startAdminApi(env);
    running.push(api);
    return api;
  };
  afterEach(async () => {
    for (const api of running.splice(0)) await api.stop();
  });

  it('issues one as soon as CHECKPOINT_EVERY_EVENTS events were appended', async () => {
    const api = await start({ ...QUIET, CHECKPOINT_EVERY_EVENTS: '3' });
    expect(await sizes(api)).toEqual([0]); // the empty log's, at start
    await importText(api, 'every-1', TEXT);
    await importText(api, 'every-2', TEXT);
    expect(await api.headPosition()).toBe(2);
    expect(await sizes(api)).toEqual([0]);
    await importText(api, 'every-3', TEXT);
    await eventually(async () => expect(await sizes(api)).toEqual([0, 3]), 2000);
    for (const key of ['every-4', 'every-5', 'every-6', 'every-7']) {
      await importText(api, key, TEXT);
    }
    await eventually(async () => expect(await sizes(api)).toEqual([0, 3, 6]), 2000);
    await expectEachExtendsTheLast(api);
  });

  it('issues one within CHECKPOINT_INTERVAL_MS after an append grew the log', async () => {
    const api = await start({ ...QUIET, CHECKPOINT_INTERVAL_MS: '200' });
    await importText(api, 'interval-1', TEXT);
    await eventually(async () => expect(await sizes(api)).toEqual([0, 1]), 3000);
    await importText(api, 'interval-2', TEXT);
    await importText(api, 'interval-3', TEXT);
    await eventually(async () => expect((await sizes(api)).at(-1)).toBe(3), 3000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const checkpoints = await issued(api);
    expect(checkpoints.at(-1)!.treeSize).toBe(3); // no growth, no new one
    // Measured on the server's clocks: each one came 200 ms to 1 s after the first event that
    // grew the log past the one before it (its recordedAt), not at once and not late.
    const feed = await request(api.url)
      .get('/v1/events?after=0')
      .set('Authorization', await bearer(api, 'auditor'))
      .expect(200);
    const recordedAt = (feed.body as { items: { recordedAt: string }[] }).items.map((item) =>
      Date.parse(item.recordedAt),
    );
    for (const [i, checkpoint] of checkpoints.entries()) {
      if (i === 0) continue;
      const delay = Date.parse(checkpoint.issuedAt) - recordedAt[checkpoints[i - 1]!.treeSize]!;
      expect(delay).toBeGreaterThanOrEqual(195);
      expect(delay).toBeLessThan(1000);
    }
    await expectEachExtendsTheLast(api);
  });

  it('issues one at start when none covers the log, and none when one does', async () => {
    const dir = makeTempDir('marginalia-cadence-');
    try {
      const env = { ...QUIET, DATA_DIR: dir.path };
      const first = await start(env);
      await importText(first, 'start-1', TEXT);
      await importText(first, 'start-2', TEXT);
      expect(await sizes(first)).toEqual([0]);
      await first.stop();
      running.splice(0);

      const second = await start(env);
      expect(await sizes(second)).toEqual([0, 2]);
      await second.stop();
      running.splice(0);

      const third = await start(env);
      expect(await sizes(third)).toEqual([0, 2]); // an unchanged log: no duplicate
      await expectEachExtendsTheLast(third);
    } finally {
      for (const api of running.splice(0)) await api.stop();
      dir.remove();
    }
  });

  it('refuses to sign a log that no longer extends its last checkpoint', async () => {
    const [kept, other] = [makeTempDir('marginalia-kept-'), makeTempDir('marginalia-other-')];
    try {
      const first = await start({ ...QUIET, DATA_DIR: kept.path });
      await importText(first, 'history-1', TEXT);
      await importText(first, 'history-2', TEXT);
      const admin = await bearer(first, 'admin');
      await request(first.url)
        .post('/v1/admin/log/checkpoints')
        .set('Authorization', admin)
        .expect(201);
      const elsewhere = await start({ ...QUIET, DATA_DIR: other.path });
      for (const key of ['other-1', 'other-2', 'other-3']) await importText(elsewhere, key, TEXT);
      for (const api of running.splice(0)) await api.stop();

      // Another history put in the log's place, as a restore of the wrong backup would.
      for (const suffix of ['', '-wal', '-shm']) {
        rmSync(join(kept.path, `events.db${suffix}`), { force: true });
        const from = join(other.path, `events.db${suffix}`);
        if (existsSync(from)) copyFileSync(from, join(kept.path, `events.db${suffix}`));
      }
      const restarted = await start({ ...QUIET, DATA_DIR: kept.path });
      expect(await sizes(restarted)).toEqual([0, 2]); // none at start: it would not extend 2
      const refused = await request(restarted.url)
        .post('/v1/admin/log/checkpoints')
        .set('Authorization', await bearer(restarted, 'admin'))
        .expect(500);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'log_inconsistent',
        detail: "The log's first 2 leaves no longer hash to the last checkpoint's root",
      });
      expect(await sizes(restarted)).toEqual([0, 2]);
    } finally {
      for (const api of running.splice(0)) await api.stop();
      kept.remove();
      other.remove();
    }
  });

  it('answers 404 not_found for the latest checkpoint while none was issued', async () => {
    const api = await start(QUIET);
    // As before the start-up checkpoint of a long first build: the tree file holds none yet.
    const file = new Database(join(api.config.dataDir, 'log-tree.db'));
    file.exec('DELETE FROM checkpoints');
    file.close();
    const editor = await bearer(api, 'editor');
    await expectRefused(
      api,
      () => request(api.url).get('/v1/log/checkpoint').set('Authorization', editor),
      404,
      'not_found',
    );
  });
});
