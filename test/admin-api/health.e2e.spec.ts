import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { ProcessManagers } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { Projector } from '@marginalia/read-models';
import { newEvents } from '@marginalia/event-store/testing';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';

describe('GET /health', () => {
  let api: RunningAdminApi;

  beforeEach(async () => {
    api = await startAdminApi();
  });

  afterEach(async () => {
    await api.stop();
  });

  it('answers without a token with the state of the embedded event log', async () => {
    const response = await request(api.url).get('/health').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      status: 'ok',
      store: {
        ok: true,
        kind: 'sqlite',
        headPosition: 0,
        detail: { file: 'events.db', journalMode: 'wal', synchronous: 'FULL' },
      },
      projector: { position: 0, lag: 0 },
      processManagers: { position: 0, lag: 0, failures: 0 },
    });
  });

  it('reports the head of the log, and how far the projector and process managers follow it', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    await store.append(`article-${randomUUID()}`, newEvents(3), { expectedRevision: 'no_stream' });
    await api.app.get(Projector).waitFor(3);
    await api.app.get(ProcessManagers).waitFor(3);
    const response = await request(api.url).get('/health').expect(200);
    expect(response.body).toMatchObject({
      store: { headPosition: 3 },
      projector: { position: 3, lag: 0 },
      processManagers: { position: 3, lag: 0 },
    });
  });

  it('answers 503 when the event log cannot be read', async () => {
    await api.app.get<EventStore>(EVENT_STORE).close();
    const response = await request(api.url).get('/health').expect(503);
    expect(response.body).toMatchObject({ status: 'unavailable', store: { ok: false } });
  });
});

describe('unknown routes', () => {
  it('answer 404 as application/problem+json with a stable code', async () => {
    const api = await startAdminApi();
    try {
      const response = await request(api.url).get('/v1/nothing-here').expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
    } finally {
      await api.stop();
    }
  });
});

describe('GET /health with EventStoreDB configured', () => {
  it('answers 503 naming the store when the server cannot be reached', async () => {
    const api = await startAdminApi({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@127.0.0.1:1?tls=false',
    });
    try {
      const response = await request(api.url).get('/health').expect(503);
      expect(response.body).toMatchObject({
        status: 'unavailable',
        store: { kind: 'eventstoredb', ok: false, detail: { target: expect.any(String) } },
      });
      expect(JSON.stringify(response.body)).not.toContain('changeit');
    } finally {
      await api.stop();
    }
  });
});
