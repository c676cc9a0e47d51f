import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { importOf000 } from './support/article-requests';

/** Keeps every JSON line the application logs, as an operator's log collector would. */
class CollectingLogger {
  readonly lines: Array<Record<string, unknown>> = [];
  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
}

describe('request ids', () => {
  const logger = new CollectingLogger();
  let api: RunningAdminApi;

  beforeAll(async () => {
    api = await startAdminApi({}, { logger });
  });

  afterAll(() => api.stop());

  it('echoes a sane X-Request-Id and makes it the events’ correlation and causation id', async () => {
    const response = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', `Bearer ${await api.token('editor')}`)
      .set('X-Request-Id', 'desk-2024-03-08.0001')
      .send(importOf000('request-id'))
      .expect(201);
    expect(response.headers['x-request-id']).toBe('desk-2024-03-08.0001');
    const [event] = await api.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`article-${response.body.id}`);
    expect(event!.metadata).toMatchObject({
      correlationId: 'desk-2024-03-08.0001',
      causationId: 'desk-2024-03-08.0001',
    });
  });

  it('replaces an insane one with a generated id, on errors too', async () => {
    const response = await request(api.url)
      .get('/v1/articles/0190f5c2-0000-7000-8000-000000000000')
      .set('X-Request-Id', 'two words; <script>')
      .expect(401);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the request id in the log lines of the request', async () => {
    await request(api.url)
      .get('/v1/articles/0190f5c2-0000-7000-8000-000000000000')
      .set('Authorization', `Bearer ${await api.token('auditor')}`)
      .set('X-Request-Id', 'log-line-check')
      .expect(404);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        requestId: 'log-line-check',
        method: 'GET',
        route: '/v1/articles/:id',
        status: 404,
        actor: 'auditor-chen',
      }),
    );
  });
});

describe('security headers', () => {
  let api: RunningAdminApi;

  beforeAll(async () => {
    api = await startAdminApi();
  });

  afterAll(() => api.stop());

  it('are on every answer, with a CSP for JSON and HTML views that loads nothing', async () => {
    for (const path of ['/health', '/v1/articles/x', '/docs-json']) {
      const response = await request(api.url).get(path);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      });
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).not.toContain('script-src');
    }
    const v1 = await request(api.url).get('/v1/articles/x');
    expect(v1.headers['cache-control']).toBe('private, no-cache');
  });

  it('let Swagger UI at /docs load its own scripts and styles only', async () => {
    const response = await request(api.url).get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the rate limit per token (RATE_LIMIT_PER_MINUTE)', () => {
  it('answers 429 rate_limited with Retry-After past the limit, appending nothing', async () => {
    const api = await startAdminApi({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const editor = `Bearer ${await api.token('editor')}`;
      const path = '/v1/articles/0190f5c2-0000-7000-8000-000000000000';
      await request(api.url).get(path).set('Authorization', editor).expect(404);
      await request(api.url).get(path).set('Authorization', editor).expect(404);
      const head = await api.headPosition();
      const limited = await request(api.url)
        .post('/v1/articles')
        .set('Authorization', editor)
        .send(importOf000('rate'))
        .expect(429);
      expect(limited.body.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(await api.headPosition()).toBe(head);
      // Another token's bucket is its own; /health is never limited.
      await request(api.url)
        .get(path)
        .set('Authorization', `Bearer ${await api.token('auditor')}`)
        .expect(404);
      for (let i = 0; i < 5; i += 1) await request(api.url).get('/health').expect(200);
    } finally {
      await api.stop();
    }
  });
});

describe('OpenAPI', () => {
  it('is an OpenAPI 3 document at /docs-json listing the routes, bearer auth and problems', async () => {
    const api = await startAdminApi();
    try {
      const { body } = await request(api.url).get('/docs-json').expect(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(body.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(body.components.securitySchemes.bearer).toEqual({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      const operations = {
        'POST /v1/articles': body.paths['/v1/articles']?.post,
        'GET /v1/articles/{id}': body.paths['/v1/articles/{id}']?.get,
        'GET /v1/articles/{id}/text': body.paths['/v1/articles/{id}/text']?.get,
        'POST /v1/articles/{id}/revisions': body.paths['/v1/articles/{id}/revisions']?.post,
      };
      for (const [name, operation] of Object.entries(operations)) {
        expect({ name, security: operation?.security }).toEqual({
          name,
          security: [{ bearer: [] }],
        });
        expect(operation.responses['401'].content['application/problem+json']).toBeDefined();
      }
      expect(body.paths['/health'].get.security).toEqual([]);
      const importOperation = operations['POST /v1/articles'];
      expect(importOperation.responses['201']).toBeDefined();
      expect(importOperation['x-required-roles']).toEqual(['editor', 'standards_editor']);
      expect(importOperation.parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
      );
      const schema = body.components.schemas.ImportArticleRequest;
      expect(schema.required).toEqual(
        expect.arrayContaining(['title', 'language', 'format', 'content', 'source']),
      );
      expect(schema.properties.title.example).toBe('7个关键词,来看山西代表团媒体开放日');
      expect(body.components.schemas.ArticleSourceRequest.properties.publisher.example).toBe(
        '山西日报客户端',
      );
      const text = operations['GET /v1/articles/{id}/text'];
      expect(text.parameters).toContainEqual(
        expect.objectContaining({ name: 'revision', in: 'query' }),
      );
    } finally {
      await api.stop();
    }
  });
});

describe('an unavailable event log', () => {
  it('answers 503 event_store_unavailable, saying nothing of the internals', async () => {
    const api = await startAdminApi();
    try {
      const token = await api.token('editor');
      await api.app.get<EventStore>(EVENT_STORE).close();
      const response = await request(api.url)
        .post('/v1/articles')
        .set('Authorization', `Bearer ${token}`)
        .send(importOf000('unavailable'))
        .expect(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, code: 'event_store_unavailable' });
      expect(JSON.stringify(response.body)).not.toMatch(/closed|sqlite|events\.db/i);
    } finally {
      await api.stop();
    }
  });
});

describe('bodies and shutdown', () => {
  it('answers 413 while reading a chunked body that grows past the limit', async () => {
    const api = await startAdminApi();
    try {
      const token = await api.token('editor');
      const head = await api.headPosition();
      const { port } = new URL(api.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/articles',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        const chunk = Buffer.alloc(256 * 1024, 'a');
        for (let i = 0; i < 24; i += 1) req.write(chunk);
        req.end();
      });
      expect(status).toBe(413);
      expect(await api.headPosition()).toBe(head);
    } finally {
      await api.stop();
    }
  });

  it('lets a request in flight finish when the application shuts down', async () => {
    const api = await startAdminApi();
    const token = await api.token('editor');
    const body = Buffer.from(JSON.stringify(importOf000('shutdown')));
    const { port } = new URL(api.url);
    let closing: Promise<void> | undefined;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/articles',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'Content-Length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now; the server shuts down while it waits for the rest.
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        closing = api.stop();
        setTimeout(() => req.end(body.subarray(1000)), 100);
      }, 100);
    });
    const answered = await response;
    await closing;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body)).toMatchObject({ revision: 1, version: 0 });
  });
});
