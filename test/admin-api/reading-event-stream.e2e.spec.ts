import request from 'supertest';
import { EventStreams } from '../../apps/admin-api/src/event-feed/event-streams';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { bearer, eventually, importText } from './support/desk';
import { type EventStreamClient, openEventStream } from './support/event-stream-client';

// Read by the server when it starts (jest gives each test file its own environment).

const TEXT = '陽泉市2023年全市地區生產總值增長5.3%。';

describe('GET /v1/events/stream', () => {
  let api: RunningAdminApi;
  let auditor: string;
  const clients: EventStreamClient[] = [];

  const open = async (query = '', headers: Record<string, string> = {}) => {
    const client = await openEventStream(`${api.url}/v1/events/stream${query}`, {
      Authorization: auditor,
      ...headers,
    });
    clients.push(client);
    return client;
  };
  const positions = (client: EventStreamClient) => client.messages.map((m) => Number(m.id));

  beforeAll(async () => {
    // Its tests keep up to 5 streams of one token open at once.
    api = await startAdminApi({
      EVENTS_STREAM_HEARTBEAT_MS: '100',
      EVENTS_STREAM_MAX_PER_TOKEN: '8',
    });
    auditor = await bearer(api, 'auditor');
    await importText(api, 'stream-1', TEXT);
    await importText(api, 'stream-2', TEXT);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await api.stop();
  });

  it('catches up after Last-Event-ID, then delivers live events as they are stored', async () => {
    const client = await open('?after=0', { 'Last-Event-ID': '1' });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toMatch(/no-cache/);
    await client.until(() => client.messages.length >= 1);
    const [second] = client.messages;
    expect(second).toMatchObject({ id: '2', event: 'ArticleImported' });
    expect(JSON.parse(second!.data)).toMatchObject({
      position: 2,
      revision: 0,
      type: 'ArticleImported',
      schemaVersion: 1,
      data: { title: '陽泉專場新聞發布會 (推動高質量發展 深化全方位轉型 系列第二十五場)' },
      metadata: { actor: { sub: 'editor-li' } },
      recordedAt: expect.any(String),
    });
    const head = await api.headPosition();
    await importText(api, 'stream-live', TEXT);
    await client.until(() => positions(client).includes(head + 1));
    expect(positions(client)).toEqual([2, ...Array.from({ length: head - 1 }, (_, i) => i + 3)]);
  });

  it('starts after ?after= without Last-Event-ID, and at the live end without either', async () => {
    const fromStart = await open('?after=0');
    const live = await open();
    await live.until(() => live.comments.length > 0);
    const head = await api.headPosition();
    await fromStart.until(() => positions(fromStart).includes(head));
    expect(positions(fromStart)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    await importText(api, 'stream-after-live-end', TEXT);
    await live.until(() => live.messages.length > 0);
    expect(positions(live)).toEqual([head + 1]);
  });

  it('writes a comment line at every heartbeat', async () => {
    const client = await open();
    await client.until(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, 2000);
  });

  it('aborts the subscription when the client goes away', async () => {
    const streams = api.app.get(EventStreams);
    const client = await open();
    await client.until(() => client.comments.length > 0);
    const before = streams.open;
    client.close();
    await eventually(() => Promise.resolve(expect(streams.open).toBe(before - 1)));
  });

  it('refuses the newsroom 403 and a malformed Last-Event-ID 400, as problems', async () => {
    const editor = await openEventStream(`${api.url}/v1/events/stream`, {
      Authorization: await bearer(api, 'editor'),
    });
    expect(editor.status).toBe(403);
    await editor.ended;
    expect(JSON.parse(editor.body())).toMatchObject({ code: 'forbidden' });
    const malformed = await open('', { 'Last-Event-ID': 'yesterday' });
    expect(malformed.status).toBe(400);
    await malformed.ended;
    expect(JSON.parse(malformed.body())).toMatchObject({ code: 'validation_failed' });
    const noToken = await request(api.url).get('/v1/events/stream').expect(401);
    expect(noToken.body.code).toBe('unauthenticated');
  });
});

describe('the event stream at shutdown', () => {
  it('ends open streams so that the server closes at once', async () => {
    const api = await startAdminApi({ EVENTS_STREAM_HEARTBEAT_MS: '100' });
    const client = await openEventStream(`${api.url}/v1/events/stream?after=0`, {
      Authorization: await bearer(api, 'admin'),
    });
    await client.until(() => client.comments.length > 0);
    const stopped = api.stop().then(() => 'stopped');
    const late = new Promise((resolve) => setTimeout(resolve, 2000, 'still open after 2 s'));
    expect(await Promise.race([stopped, late])).toBe('stopped');
    await client.ended;
  });
});
