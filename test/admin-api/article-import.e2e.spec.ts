import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { importArticle, importOf000 } from './support/article-requests';
import { expectRefused } from './support/refused';

const MiB = 1024 * 1024;
const CORPUS_000_SHA256 = '878797db900b3b0162264f9fc0920e588929e22f58dbea16e1221eb14ce2cae1';

describe('POST /v1/articles', () => {
  let api: RunningAdminApi;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = `Bearer ${await api.token('editor')}`;
  });

  afterAll(() => api.stop());

  const refused = (send: () => Promise<request.Response>, status: number, code: string) =>
    expectRefused(api, send, status, code);

  it('imports corpus 000 as revision 1: 201 with Location, ETag and version', async () => {
    const response = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', editor)
      .send(importOf000('import'))
      .expect(201);
    expect(response.body).toMatchObject({
      title: '7个关键词,来看山西代表团媒体开放日',
      language: 'zh-Hans',
      format: 'text',
      status: 'active',
      source: { publisher: '山西日报客户端', publishedAt: '2024-03-08T10:29:15+08:00' },
      externalId: null,
      revision: 1,
      textSha256: CORPUS_000_SHA256,
      version: 0,
    });
    expect(response.headers.location).toBe(`/v1/articles/${response.body.id}`);
    expect(response.headers.etag).toBe('"0"');
  });

  it('records the actor from the token, never from the body', async () => {
    const response = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', editor)
      .send(importOf000('actor'))
      .expect(201);
    const [event] = await api.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`article-${response.body.id}`);
    expect(event!.metadata.actor).toEqual({
      sub: 'editor-li',
      name: '李编辑',
      roles: ['editor'],
    });
  });

  it('answers 409 article_exists with the existing id for a source URL already imported', async () => {
    const { id } = await importArticle(api, 'twice');
    const response = await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .send(importOf000('twice')),
      409,
      'article_exists',
    );
    expect(response.body.articleId).toBe(id);
  });

  it('answers 400 malformed_json for a body that is not JSON', async () => {
    await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'application/json')
          .send('{"title": "7个关键词",'),
      400,
      'malformed_json',
    );
  });

  it('answers 400 validation_failed naming an unknown field inside source', async () => {
    const body = importOf000('unknown-field');
    const response = await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .send({ ...body, source: { ...body.source, author: '侯琎' } }),
      400,
      'validation_failed',
    );
    expect(response.body.errors).toEqual([
      { field: 'source.author', message: 'is not a known field' },
    ]);
  });

  it('answers 400 validation_failed for wrong types and a missing source, field by field', async () => {
    const { source: _source, ...body } = importOf000('types');
    const response = await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .send({ ...body, title: 7, format: 'pdf' }),
      400,
      'validation_failed',
    );
    const errors = response.body.errors as Array<{ field: string }>;
    expect(errors.map((error) => error.field).sort()).toEqual(['format', 'source', 'title']);
  });

  it('answers 400 validation_failed for a body that is a JSON array', async () => {
    await refused(
      () =>
        request(api.url).post('/v1/articles').set('Authorization', editor).send([importOf000()]),
      400,
      'validation_failed',
    );
  });

  it('answers 415 unsupported_media_type for a body that is not application/json', async () => {
    await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'text/plain')
          .send(JSON.stringify(importOf000('plain'))),
      415,
      'unsupported_media_type',
    );
    await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'application/merge-patch+json')
          .send(JSON.stringify(importOf000('merge-patch'))),
      415,
      'unsupported_media_type',
    );
  });

  it('takes an import of almost 5 MiB and answers 413 payload_too_large above', async () => {
    const big = (bytes: number) => {
      const body = importOf000(`big-${bytes}`);
      const room = bytes - Buffer.byteLength(JSON.stringify({ ...body, content: '' }));
      return JSON.stringify({ ...body, content: 'a'.repeat(room) });
    };
    const justUnder = big(5 * MiB);
    expect(Buffer.byteLength(justUnder)).toBe(5 * MiB);
    await request(api.url)
      .post('/v1/articles')
      .set('Authorization', editor)
      .set('Content-Type', 'application/json')
      .send(justUnder)
      .expect(201);
    await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'application/json')
          .send(big(5 * MiB + 1)),
      413,
      'payload_too_large',
    );
  });

  it('answers 422 invalid_unicode for a lone surrogate sent as a raw \\ud800 escape', async () => {
    const raw = JSON.stringify(importOf000('surrogate')).replace('去年煤炭', '去年\\ud800煤炭');
    expect(raw).toContain('\\ud800');
    const response = await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'application/json')
          .send(raw),
      422,
      'invalid_unicode',
    );
    expect(response.body.errors).toEqual([
      { field: 'content', message: 'contains a lone surrogate' },
    ]);
    const inTitle = JSON.stringify({ ...importOf000('surrogate'), title: 'x' }).replace(
      '"title":"x"',
      '"title":"7个关键词\\udc00"',
    );
    await refused(
      () =>
        request(api.url)
          .post('/v1/articles')
          .set('Authorization', editor)
          .set('Content-Type', 'application/json')
          .send(inTitle),
      422,
      'invalid_unicode',
    );
  });
});
