import { createHash } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { IdempotencyStore } from '../../apps/admin-api/src/idempotency/idempotency-store';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { importArticle, importOf000, reimportOf000 } from './support/article-requests';

describe('Idempotency-Key on POST', () => {
  let api: RunningAdminApi;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = `Bearer ${await api.token('editor')}`;
  });

  afterAll(() => api.stop());

  const post = (path: string, key: string, body: object, authorization = editor) =>
    request(api.url)
      .post(path)
      .set('Authorization', authorization)
      .set('Idempotency-Key', key)
      .send(body);

  it('answers a repeated import with the first response again and appends nothing', async () => {
    const first = await post('/v1/articles', 'import-000-a', importOf000('idem')).expect(201);
    const head = await api.headPosition();
    const again = await post('/v1/articles', 'import-000-a', importOf000('idem')).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.headPosition()).toBe(head);
    const [event] = await api.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`article-${first.body.id}`);
    expect(event!.metadata.idempotencyKey).toBe('import-000-a');
  });

  it('answers the same key with another body 422 idempotency_key_reused', async () => {
    await post('/v1/articles', 'import-000-b', importOf000('reused-1')).expect(201);
    const head = await api.headPosition();
    const response = await post('/v1/articles', 'import-000-b', importOf000('reused-2')).expect(
      422,
    );
    expect(response.body.code).toBe('idempotency_key_reused');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await api.headPosition()).toBe(head);
  });

  it('remembers a 4xx answer: a repeated re-import with a stale If-Match is 412 again', async () => {
    const { id } = await importArticle(api, 'idem-412');
    const stale = () =>
      post(`/v1/articles/${id}/revisions`, 'reimport-stale', reimportOf000).set('If-Match', '"7"');
    const first = await stale().expect(412);
    const again = await stale().expect(412);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not remember a 403: the same user with another role then gets its own answer', async () => {
    const asFactChecker = `Bearer ${await api.tokenFor({ ...users.editor, roles: ['fact_checker'] })}`;
    await post('/v1/articles', 'import-000-c', importOf000('idem-403'), asFactChecker).expect(403);
    const response = await post('/v1/articles', 'import-000-c', importOf000('idem-403')).expect(
      201,
    );
    expect(response.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes a key to the token’s sub and to the path', async () => {
    const standards = `Bearer ${await api.token('standards_editor')}`;
    await post('/v1/articles', 'shared-key', importOf000('scope-1')).expect(201);
    const other = await post(
      '/v1/articles',
      'shared-key',
      importOf000('scope-2'),
      standards,
    ).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    const revised = await post(
      `/v1/articles/${other.body.id}/revisions`,
      'shared-key',
      reimportOf000,
    ).expect(201);
    expect(revised.body.revision).toBe(2);
  });

  it('answers 409 idempotency_key_in_flight while the first request with the key still runs', async () => {
    const body = JSON.stringify(importOf000('in-flight'));
    const sha256 = createHash('sha256').update(body).digest('hex');
    const inFlight = {
      sub: users.editor.sub,
      method: 'POST',
      path: '/v1/articles',
      key: 'running',
    };
    const store = api.app.get(IdempotencyStore);
    expect(store.reserve(inFlight, sha256)).toEqual({ outcome: 'reserved' });
    const head = await api.headPosition();
    const send = () =>
      request(api.url)
        .post('/v1/articles')
        .set('Authorization', editor)
        .set('Idempotency-Key', 'running')
        .set('Content-Type', 'application/json')
        .send(body);
    const response = await send().expect(409);
    expect(response.body.code).toBe('idempotency_key_in_flight');
    expect(await api.headPosition()).toBe(head);
    store.release(inFlight);
    await send().expect(201);
  });

  it('answers 400 validation_failed for a key that is not 1 to 255 visible characters', async () => {
    const response = await post('/v1/articles', 'x'.repeat(256), importOf000('bad-key')).expect(
      400,
    );
    expect(response.body.errors).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
  });
});

describe('Idempotency-Key across a restart', () => {
  it('answers the first response again after the server restarted on the same data folder', async () => {
    const dir = makeTempDir('marginalia-idem-');
    try {
      const first = await startAdminApi({ DATA_DIR: dir.path });
      const token = `Bearer ${await first.token('editor')}`;
      const created = await request(first.url)
        .post('/v1/articles')
        .set('Authorization', token)
        .set('Idempotency-Key', 'before-restart')
        .send(importOf000('restart'))
        .expect(201);
      await first.stop();

      const second = await startAdminApi({ DATA_DIR: dir.path });
      try {
        const head = await second.headPosition();
        const again = await request(second.url)
          .post('/v1/articles')
          .set('Authorization', token)
          .set('Idempotency-Key', 'before-restart')
          .send(importOf000('restart'))
          .expect(201);
        expect(again.body).toEqual(created.body);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(await second.headPosition()).toBe(head);
      } finally {
        await second.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
