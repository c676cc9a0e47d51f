import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { CORPUS_000, importArticle, reimportOf000 } from './support/article-requests';
import { expectRefused } from './support/refused';

const MiB = 1024 * 1024;
const CORPUS_000_SHA256 = '878797db900b3b0162264f9fc0920e588929e22f58dbea16e1221eb14ce2cae1';

describe('the article routes after an import', () => {
  let api: RunningAdminApi;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = `Bearer ${await api.token('editor')}`;
  });

  afterAll(() => api.stop());

  const refused = (send: () => Promise<request.Response>, status: number, code: string) =>
    expectRefused(api, send, status, code);

  describe('GET /v1/articles/{id} and its text', () => {
    it('answers the metadata, current revision, textSha256 and version with its ETag', async () => {
      const { id } = await importArticle(api, 'read');
      const response = await request(api.url)
        .get(`/v1/articles/${id}`)
        .set('Authorization', `Bearer ${await api.token('auditor')}`)
        .expect(200);
      expect(response.body).toMatchObject({
        id,
        revision: 1,
        textSha256: CORPUS_000_SHA256,
        version: 0,
      });
      expect(response.headers.etag).toBe('"0"');
      await request(api.url)
        .get(`/v1/articles/${id}`)
        .set('Authorization', editor)
        .set('If-None-Match', '"0"')
        .expect(304);
    });

    it('answers the text of a revision, the current one by default', async () => {
      const { id } = await importArticle(api, 'text');
      const token = `Bearer ${await api.token('fact_checker')}`;
      const current = await request(api.url)
        .get(`/v1/articles/${id}/text`)
        .set('Authorization', token)
        .expect(200);
      expect(current.body).toEqual({
        revision: 1,
        text: CORPUS_000,
        textSha256: CORPUS_000_SHA256,
      });
      const first = await request(api.url)
        .get(`/v1/articles/${id}/text?revision=1`)
        .set('Authorization', token)
        .expect(200);
      expect(first.body.revision).toBe(1);
    });

    it('answers 404 not_found for an unknown article, a malformed id and an unknown revision', async () => {
      const token = `Bearer ${await api.token('editor')}`;
      const { id } = await importArticle(api, '404');
      for (const path of [
        '/v1/articles/0190f5c2-0000-7000-8000-000000000000',
        '/v1/articles/not-an-id',
        `/v1/articles/${id}/text?revision=2`,
      ]) {
        await refused(
          () => request(api.url).get(path).set('Authorization', token),
          404,
          'not_found',
        );
      }
    });

    it.each(['0', '-1', '1.5', 'two'])(
      'answers 400 validation_failed for ?revision=%s',
      async (revision) => {
        const { id } = await importArticle(api, `revision-${revision}`);
        const response = await refused(
          () =>
            request(api.url)
              .get(`/v1/articles/${id}/text?revision=${revision}`)
              .set('Authorization', editor),
          400,
          'validation_failed',
        );
        expect(response.body.errors[0].field).toBe('revision');
      },
    );
  });

  describe('POST /v1/articles/{id}/revisions', () => {
    it('re-imports the source as revision 2: 201 with the article and the new version', async () => {
      const { id } = await importArticle(api, 'reimport');
      const response = await request(api.url)
        .post(`/v1/articles/${id}/revisions`)
        .set('Authorization', editor)
        .set('If-Match', '"0"')
        .send(reimportOf000)
        .expect(201);
      expect(response.body).toMatchObject({ id, revision: 2, version: 1 });
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/v1/articles/${id}/text?revision=2`);
      const text = await request(api.url)
        .get(response.headers.location!)
        .set('Authorization', editor)
        .expect(200);
      expect(text.body.text).toBe(reimportOf000.content);
    });

    it('answers 412 version_mismatch for a stale If-Match', async () => {
      const { id } = await importArticle(api, 'stale');
      await request(api.url)
        .post(`/v1/articles/${id}/revisions`)
        .set('Authorization', editor)
        .send(reimportOf000)
        .expect(201);
      const response = await refused(
        () =>
          request(api.url)
            .post(`/v1/articles/${id}/revisions`)
            .set('Authorization', editor)
            .set('If-Match', '"0"')
            .send({ ...reimportOf000, content: `${reimportOf000.content}\n(郭 赟)` }),
        412,
        'version_mismatch',
      );
      expect(response.body).toMatchObject({ expectedVersion: 0, currentVersion: 1 });
    });

    it('answers 400 validation_failed for a malformed If-Match', async () => {
      const { id } = await importArticle(api, 'if-match');
      await refused(
        () =>
          request(api.url)
            .post(`/v1/articles/${id}/revisions`)
            .set('Authorization', editor)
            .set('If-Match', 'W/"0"')
            .send(reimportOf000),
        400,
        'validation_failed',
      );
    });

    it('answers 422 revision_unchanged for a capture giving the current text', async () => {
      const { id } = await importArticle(api, 'unchanged');
      await refused(
        () =>
          request(api.url)
            .post(`/v1/articles/${id}/revisions`)
            .set('Authorization', editor)
            .send({ content: CORPUS_000.replace(/\n/g, '\r\n'), reason: '重新抓取' }),
        422,
        'revision_unchanged',
      );
    });

    it('answers 404 not_found for an article never imported', async () => {
      await refused(
        () =>
          request(api.url)
            .post('/v1/articles/0190f5c2-0000-7000-8000-000000000000/revisions')
            .set('Authorization', editor)
            .send(reimportOf000),
        404,
        'not_found',
      );
    });

    it('answers 413 payload_too_large above 5 MiB', async () => {
      const { id } = await importArticle(api, 'reimport-413');
      await refused(
        () =>
          request(api.url)
            .post(`/v1/articles/${id}/revisions`)
            .set('Authorization', editor)
            .send({ content: 'a'.repeat(5 * MiB), reason: '太长' }),
        413,
        'payload_too_large',
      );
    });
  });
});
