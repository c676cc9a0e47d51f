import { decodeJwt } from 'jose';
import { EventStreams } from '../../apps/admin-api/src/event-feed/event-streams';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { eventually, importText } from './support/desk';
import { type EventStreamClient, openEventStream } from './support/event-stream-client';

const TEXT = '陽泉市2023年全市地區生產總值增長5.3%。';

/** Issue 14: an open event stream kept delivering after its token had expired. */
describe('event streams end with their tokens (SPEC §8)', () => {
  let api: RunningAdminApi;
  const clients: EventStreamClient[] = [];

  const open = async (token: string, query = '') => {
    const client = await openEventStream(`${api.url}/v1/events/stream${query}`, {
      Authorization: `Bearer ${token}`,
    });
    clients.push(client);
    return client;
  };
  const problemOf = async (client: EventStreamClient) => {
    await client.ended;
    expect(client.headers['content-type']).toMatch(/^application\/problem\+json/);
    return JSON.parse(client.body()) as { status: number; code: string; limit?: number };
  };

  beforeAll(async () => {
    api = await startAdminApi({
      EVENTS_STREAM_HEARTBEAT_MS: '100',
      EVENTS_STREAM_MAX_PER_TOKEN: '2',
    });
  });

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(() => api.stop());

  it('ends the stream when its token expires, while a longer token’s stream goes on', async () => {
    const short = await api.tokenFor(users.auditor, 2);
    const expiresAt = decodeJwt(short).exp! * 1000;
    const ending = await open(short, '?after=0');
    const lasting = await open(await api.token('admin'), '?after=0');
    expect([ending.status, lasting.status]).toEqual([200, 200]);
    await ending.ended;
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt - 50);
    expect(endedAt).toBeLessThan(expiresAt + 1000);
    expect(ending.comments.at(-1)).toBe('the token has expired; reconnect with a fresh one');
    // The other stream is still open, and still delivers.
    const head = await api.headPosition();
    await importText(api, 'after-expiry', TEXT);
    await lasting.until(() => lasting.messages.some((m) => Number(m.id) === head + 1));
    expect(ending.messages.some((m) => Number(m.id) === head + 1)).toBe(false);
    // Within the verifier's 30 s of clock skew the token passes, but no stream starts with it.
    const again = await open(short);
    expect(again.status).toBe(401);
    expect(await problemOf(again)).toMatchObject({ code: 'unauthenticated' });
    expect(again.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('holds at most EVENTS_STREAM_MAX_PER_TOKEN streams per token: 429 beyond, until one closes', async () => {
    const streams = api.app.get(EventStreams);
    const token = await api.tokenFor(users.auditor, 600);
    const first = await open(token);
    const second = await open(token);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open(token);
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('3');
    expect(await problemOf(third)).toMatchObject({ status: 429, code: 'rate_limited', limit: 2 });
    // Another token of the same person is counted on its own.
    const other = await open(await api.tokenFor(users.auditor, 900));
    expect(other.status).toBe(200);
    // Closing one frees its place.
    const before = streams.open;
    first.close();
    await eventually(() => Promise.resolve(expect(streams.open).toBe(before - 1)));
    const fourth = await open(token);
    expect(fourth.status).toBe(200);
    await fourth.until(() => fourth.comments.includes('heartbeat'));
  });

  it('forgets a token once its streams have ended, closed or expired', async () => {
    const streams = api.app.get(EventStreams);
    await eventually(() => Promise.resolve(expect(streams.tokens).toBe(0)));
    const token = await api.tokenFor(users.auditor, 2);
    const expiring = [await open(token), await open(token)];
    expect(expiring.map((client) => client.status)).toEqual([200, 200]);
    expect(streams.tokens).toBe(1);
    await Promise.all(expiring.map((client) => client.ended));
    await eventually(() => Promise.resolve(expect(streams.tokens).toBe(0)));
  });
});
