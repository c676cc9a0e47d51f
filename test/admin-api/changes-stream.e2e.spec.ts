import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { bearer, importText, settled } from './support/desk';
import { type EventStreamClient, openEventStream } from './support/event-stream-client';

const TEXT = '陽泉市2023年全市地區生產總值增長5.3%。去年煤炭產量達到13.78億噸。';

/** GET /v1/changes/stream: the log's changes for every role, without data or metadata. */
describe('GET /v1/changes/stream', () => {
  let api: RunningAdminApi;
  let articleId: string;
  const clients: EventStreamClient[] = [];

  const open = async (authorization: string, headers: Record<string, string> = {}, query = '') => {
    const client = await openEventStream(`${api.url}/v1/changes/stream${query}`, {
      Authorization: authorization,
      ...headers,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startAdminApi({ EVENTS_STREAM_HEARTBEAT_MS: '100' });
    articleId = await importText(api, 'changes-stream', TEXT);
    await settled(api);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await api.stop();
  });

  it('gives an editor the change of a claim captured after it connected, and nothing else of it', async () => {
    const editor = await bearer(api, 'editor');
    const client = await open(editor);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    // The opening comment says the stream is answered: from here on, every append is delivered.
    await client.until(() => client.comments.length > 0);
    const captured = await request(api.url)
      .post(`/v1/articles/${articleId}/claims`)
      .set('Authorization', editor)
      .send({ selector: { exact: '去年煤炭產量達到13.78億噸' }, statement: '煤炭產量13.78億噸' })
      .expect(201);
    const claimId = (captured.body as { id: string }).id;
    await client.until(() => client.messages.some((m) => m.event === 'ClaimCaptured'));
    const message = client.messages.find((m) => m.event === 'ClaimCaptured')!;
    const data = JSON.parse(message.data) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['position', 'recordedAt', 'streamId', 'type']);
    expect(data).toEqual({
      position: Number(message.id),
      streamId: `claim-${claimId}`,
      type: 'ClaimCaptured',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Neither the statement nor the actor travels.
    expect(client.body()).not.toContain('煤炭產量13.78億噸');
    expect(client.body()).not.toContain('editor-li');
  });

  it('resumes after Last-Event-ID, for any role', async () => {
    const head = await api.headPosition();
    const checker = await bearer(api, 'fact_checker');
    const client = await open(checker, { 'Last-Event-ID': String(head - 1) }, '?after=0');
    await client.until(() => client.messages.length >= 1);
    expect(client.messages.map((m) => Number(m.id))).toEqual([head]);
    const fromAfter = await open(await bearer(api, 'standards_editor'), {}, '?after=0');
    await fromAfter.until(() => fromAfter.messages.length >= head);
    expect(fromAfter.messages.map((m) => Number(m.id))).toEqual(
      Array.from({ length: head }, (_, i) => i + 1),
    );
  });

  it('refuses a bad token 401 and a malformed Last-Event-ID 400, as problems', async () => {
    const bad = await request(api.url)
      .get('/v1/changes/stream')
      .set('Authorization', 'Bearer not.a.token')
      .expect(401);
    expect(bad.body.code).toBe('unauthenticated');
    expect(bad.headers['www-authenticate']).toMatch(/^Bearer/);
    const none = await request(api.url).get('/v1/changes/stream').expect(401);
    expect(none.body.code).toBe('unauthenticated');
    const malformed = await open(await bearer(api, 'editor'), { 'Last-Event-ID': 'yesterday' });
    expect(malformed.status).toBe(400);
    await malformed.ended;
    expect(JSON.parse(malformed.body())).toMatchObject({ code: 'validation_failed' });
  });

  it('is in the OpenAPI document, for any role', async () => {
    const { body } = await request(api.url).get('/docs-json').expect(200);
    const operation = (body as { paths: Record<string, { get?: Record<string, unknown> }> }).paths[
      '/v1/changes/stream'
    ]?.get;
    expect(operation).toBeDefined();
    expect(operation!['x-required-roles']).toBeUndefined();
    expect(JSON.stringify(operation)).toContain('text/event-stream');
  });
});
