import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import {
  bearer,
  captureClaim,
  import002,
  NON_COAL_GROWTH,
  PINYIN_IN_RECYCLING,
  settled,
} from './support/desk';
import { expectRefused } from './support/refused';

interface IntegrityReport {
  ok: boolean;
  chains: { broken: unknown[] };
  readModels: { differences: unknown[] };
}

describe('integrity and rebuild', () => {
  let api: RunningAdminApi;
  let articleId: string;

  beforeAll(async () => {
    api = await startAdminApi();
    articleId = await import002(api, 'integrity');
    await captureClaim(api, articleId, { exact: NON_COAL_GROWTH });
    const proposed = await request(api.url)
      .post(`/v1/articles/${articleId}/corrections`)
      .set('Authorization', await bearer(api, 'editor'))
      .send({
        selector: PINYIN_IN_RECYCLING,
        kind: 'correction',
        replacement: '推動',
        notice: '更正。',
      })
      .expect(201);
    await request(api.url)
      .post(`/v1/corrections/${proposed.body.id}/approve`)
      .set('Authorization', await bearer(api, 'standards_editor'))
      .expect(200);
    await settled(api);
  });

  afterAll(() => api.stop());

  const integrity = async (role: 'auditor' | 'admin' = 'auditor') =>
    (
      await request(api.url)
        .get('/v1/admin/integrity')
        .set('Authorization', await bearer(api, role))
        .expect(200)
    ).body as IntegrityReport;

  it('reports every chain verified and the read models equal to a fresh replay', async () => {
    const head = await api.headPosition();
    for (const role of ['auditor', 'admin'] as const) {
      expect(await integrity(role)).toEqual({
        ok: true,
        streams: 3,
        events: head,
        chains: { ok: true, broken: [] },
        readModels: { ok: true, position: head, differences: [] },
        log: {
          ok: true,
          treeSize: head,
          rootHash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
          checkpoints: expect.any(Number),
          problems: [],
        },
      });
    }
  });

  it('rebuilds the read models for an admin, and they serve the same view', async () => {
    const admin = await bearer(api, 'admin');
    const before = await request(api.url)
      .get(`/v1/articles/${articleId}/view`)
      .set('Authorization', admin)
      .expect(200);
    const response = await request(api.url)
      .post('/v1/admin/projections/rebuild')
      .set('Authorization', admin)
      .expect(200);
    const head = await api.headPosition();
    expect(response.body).toEqual({ events: head, position: head, durationMs: expect.any(Number) });
    const after = await request(api.url)
      .get(`/v1/articles/${articleId}/view`)
      .set('Authorization', admin)
      .expect(200);
    expect(after.body).toEqual(before.body);
    expect((await integrity()).ok).toBe(true);
  });

  it('refuses the rebuild to every other role, and the report to the newsroom', async () => {
    for (const role of ['auditor', 'editor', 'fact_checker', 'standards_editor'] as const) {
      await expectRefused(
        api,
        async () =>
          request(api.url)
            .post('/v1/admin/projections/rebuild')
            .set('Authorization', await bearer(api, role)),
        403,
        'forbidden',
      );
    }
    for (const role of ['editor', 'fact_checker', 'standards_editor'] as const) {
      await expectRefused(
        api,
        async () =>
          request(api.url)
            .get('/v1/admin/integrity')
            .set('Authorization', await bearer(api, role)),
        403,
        'forbidden',
      );
    }
  });

  it('names the stream and revision of an event edited in the SQLite file', async () => {
    const events = new Database(join(api.config.dataDir, 'events.db'));
    try {
      events
        .prepare(
          "UPDATE events SET data = json_set(data, '$.title', '陽泉專場新聞發布會(已篡改)') WHERE stream_id = ? AND revision = 0",
        )
        .run(`article-${articleId}`);
    } finally {
      events.close();
    }
    const report = await integrity();
    expect(report).toMatchObject({ ok: false, chains: { ok: false } });
    expect(report.chains.broken).toEqual([
      expect.objectContaining({
        streamId: `article-${articleId}`,
        revision: 0,
        reason: 'hash_mismatch',
      }),
    ]);
    expect(report.readModels.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ model: 'articles', key: articleId })]),
    );
  });
});
