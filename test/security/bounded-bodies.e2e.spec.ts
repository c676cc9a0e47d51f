import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { coalCapture } from '../admin-api/support/claim-requests';
import { importArticle, importOf000 } from '../admin-api/support/article-requests';

/**
 * Issue 14: one editor's request used to take the process down (a 5 MB import whose `title`
 * nests 2.5 million arrays was parsed before its depth was checked). Bodies are now measured
 * while they are read, and refused before `JSON.parse` builds anything.
 */
const MiB = 1024 * 1024;

/** A JSON text of about `bytes` bytes: `{"title": <hostile>}` with the hostile part filling it. */
const hostile = {
  nested: (bytes: number) => {
    const depth = Math.floor((bytes - 20) / 2);
    return `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  },
  objects: (bytes: number) => `{"title":[${'{},'.repeat(Math.floor((bytes - 20) / 3))}{}]}`,
  strings: (bytes: number) => `{"title":[${'"",'.repeat(Math.floor((bytes - 20) / 3))}""]}`,
};
const EXPECTED = {
  nested: 'body_too_deep',
  objects: 'body_too_complex',
  strings: 'body_too_complex',
};

describe('bodies bounded before they are parsed', () => {
  let api: RunningAdminApi;
  let editor: string;
  let articleId: string;

  const post = (path: string, body: string) =>
    request(api.url)
      .post(path)
      .set('Authorization', editor)
      .set('Content-Type', 'application/json')
      .send(body);

  const expectRefused = (
    answer: { status: number; headers: Record<string, string>; body: unknown },
    code: string,
  ) => {
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      status: 400,
      code,
      type: `urn:marginalia:problem:${code}`,
    });
  };

  beforeAll(async () => {
    api = await startAdminApi({ RATE_LIMIT_PER_MINUTE: '100000' });
    editor = `Bearer ${await api.token('editor')}`;
    articleId = (await importArticle(api, 'bounded')).id;
  });

  afterAll(() => api.stop());

  it.each(Object.keys(hostile) as Array<keyof typeof hostile>)(
    'refuses a 5 MiB import of %s, appends nothing and answers afterwards',
    async (kind) => {
      const body = hostile[kind](5 * MiB - 16);
      expect(body.length).toBeGreaterThan(4.9 * MiB);
      expect(body.length).toBeLessThanOrEqual(5 * MiB);
      const head = await api.headPosition();
      const started = performance.now();
      const answer = await post('/v1/articles', body);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(400);
      expectRefused(answer, EXPECTED[kind]);
      expect(answer.body).toMatchObject({ limit: kind === 'nested' ? 32 : 10_000 });
      // On a 2-core CI machine the whole round trip takes tens of milliseconds.
      expect(elapsed).toBeLessThan(2000);
      expect(await api.headPosition()).toBe(head);
      await post('/v1/articles', JSON.stringify(importOf000(`after-${kind}`))).expect(201);
    },
  );

  it.each(Object.keys(hostile) as Array<keyof typeof hostile>)(
    'refuses a 1 MiB claim of %s and appends nothing',
    async (kind) => {
      const head = await api.headPosition();
      const answer = await post(`/v1/articles/${articleId}/claims`, hostile[kind](MiB - 16));
      expect(answer.status).toBe(400);
      expectRefused(answer, EXPECTED[kind]);
      expect(await api.headPosition()).toBe(head);
    },
  );

  it('refuses a chunked body without Content-Length while it is still being sent', async () => {
    const head = await api.headPosition();
    const answer = await new Promise<{ status: number; text: string; sent: number }>(
      (resolve, reject) => {
        const req = httpRequest(`${api.url}/v1/articles`, {
          method: 'POST',
          headers: { Authorization: editor, 'Content-Type': 'application/json' },
        });
        let sent = 0;
        let answered = false;
        req.on('error', reject);
        req.on('response', (res) => {
          answered = true;
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, sent }));
          req.end();
        });
        // 64 KiB of `[` at a time, up to 4 MiB, unless the server answers first.
        const chunk = Buffer.from('['.repeat(64 * 1024));
        const pump = () => {
          if (answered) return;
          if (sent >= 4 * MiB) return req.end();
          sent += chunk.length;
          if (req.write(chunk)) setImmediate(pump);
          else req.once('drain', pump);
        };
        req.write('{"title":');
        pump();
      },
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'body_too_deep' });
    expect(answer.sent).toBeLessThan(4 * MiB);
    expect(await api.headPosition()).toBe(head);
  });

  it('still takes real requests with their strings full of brackets, quotes and escapes', async () => {
    const statement = '「[[[{{{」\\"引号\\" \\u005b 去年煤炭产量达到13.78亿吨';
    const claim = await post(
      `/v1/articles/${articleId}/claims`,
      JSON.stringify({
        ...coalCapture,
        statement,
        topics: Array.from({ length: 50 }, (_, i) => `t${i}`),
      }),
    ).expect(201);
    expect(claim.body.statement).toBe(statement);
  });

  it('keeps malformed_json for syntax, and 413 for a body over the limit', async () => {
    const broken = await post(`/v1/articles/${articleId}/claims`, '{"selector": [}');
    expectRefused(broken, 'malformed_json');
    const huge = await post(`/v1/articles/${articleId}/claims`, hostile.nested(MiB + 100));
    expect([huge.status, huge.body.code]).toEqual([413, 'payload_too_large']);
  });
});
