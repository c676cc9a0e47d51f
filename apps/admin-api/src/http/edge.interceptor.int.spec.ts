import { Body, Controller, type INestApplication, Module, Post } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { mintToken } from '@marginalia/platform';
import { Requires, currentRequestId, Created, ResourceHeadersInterceptor } from '@marginalia/http';
import { AccessGuard } from '../auth/access.guard';
import { RateLimiter } from '../auth/rate-limiter';
import { TokenVerifier } from '../auth/token-verifier';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { HttpEdgeInterceptor } from './edge.interceptor';
import { JsonBodyInterceptor } from './json-body.interceptor';
import { ProblemDetailsFilter } from './problem-details.filter';
import { requestIdMiddleware } from './request-id.middleware';

const SECRET = 'a-secret-for-the-edge-of-32-bytes!!!';

let runs = 0;

@Controller('v1/notes')
class NotesController {
  @Post()
  @Requires('claim.capture')
  @Created((note: { id: string }) => `/v1/notes/${note.id}`)
  create(@Body() body: { text?: unknown }) {
    runs += 1;
    // What the handler sees of the request's log scope, after the body and the key.
    return { id: `note-${runs}`, text: body.text, version: 3, requestId: currentRequestId() };
  }
}

/**
 * The edge's interceptors as the server registers them (http-edge.module.ts), with the real
 * guard, idempotency file and problem answers, around a route that tells what it saw.
 */
describe('the edge interceptor', () => {
  let app: INestApplication;
  let url: string;
  let dir: string;
  let bearer: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-edge-'));
    @Module({
      controllers: [NotesController],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier({ hs256Secret: SECRET }) },
        { provide: RateLimiter, useValue: new RateLimiter(1000) },
        {
          provide: IdempotencyStore,
          useValue: new IdempotencyStore(join(dir, 'idempotency.db')),
        },
        JsonBodyInterceptor,
        IdempotencyInterceptor,
        ResourceHeadersInterceptor,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: HttpEdgeInterceptor },
      ],
    })
    class EdgeTestModule {}
    app = await NestFactory.create(EdgeTestModule, { logger: false, bodyParser: false });
    app.use(requestIdMiddleware);
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as Server;
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bearer = `Bearer ${await mintToken(SECRET, { sub: 'checker-wang', roles: ['fact_checker'] }, { ttlSeconds: 600 })}`;
  });

  afterAll(async () => {
    await app.close();
    app.get(IdempotencyStore).close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (key: string, body: string, requestId = `r-${key}`) =>
    request(url)
      .post('/v1/notes')
      .set('Authorization', bearer)
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', key)
      .set('X-Request-Id', requestId)
      .send(body);

  it('runs the handler in the request’s log scope, with the body read, and gives its answer ETag and Location', async () => {
    const response = await post('first', '{"text":"煤炭"}', 'scope-check').expect(201);
    expect(response.body).toMatchObject({ text: '煤炭', requestId: 'scope-check' });
    expect(response.headers.etag).toBe('"3"');
    expect(response.headers.location).toBe(`/v1/notes/${response.body.id}`);
  });

  it('records the answer with its ETag and Location for the Idempotency-Key, keyed by the body', async () => {
    const first = await post('again', '{"text":"a"}').expect(201);
    const before = runs;
    const again = await post('again', '{"text":"a"}').expect(201);
    expect(runs).toBe(before);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect([again.headers.etag, again.headers.location]).toEqual([
      first.headers.etag,
      first.headers.location,
    ]);
    const other = await post('again', '{"text":"b"}').expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('reads the body before the Idempotency-Key: a malformed body does not use up its key', async () => {
    const malformed = await post('broken', '{"text":').expect(400);
    expect(malformed.body.code).toBe('malformed_json');
    const fixed = await post('broken', '{"text":"c"}').expect(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(fixed.body.text).toBe('c');
  });
});
