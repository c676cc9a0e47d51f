import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { bearerFor, startChildServer, type ChildServer } from '../reliability/support/child-server';
import { users } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { importOf000 } from './support/article-requests';

type LogLine = Record<string, unknown> & { err?: Record<string, unknown> };

/** Every line the server wrote, each of which must be one JSON object. */
function logLines(server: ChildServer): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`Not a JSON log line: ${line}`);
      }
    });
}

async function linesOf(server: ChildServer, requestId: string, count: number): Promise<LogLine[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const lines = logLines(server).filter((line) => line.requestId === requestId);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the server’s log (JSON lines on stdout, through nestjs-pino)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: ChildServer;
  let editor: string;

  beforeAll(async () => {
    dir = makeTempDir('marginalia-logs-');
    server = await startChildServer({ dataDir: dir.path });
    editor = await bearerFor(users.editor);
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('writes one line per request with its method, route, status, duration, id and actor, never its token or body', async () => {
    // Load balancers poll /health: its successes are not logged (asked first, so that the
    // later lines show its line would have arrived).
    await request(server.url).get('/health').set('X-Request-Id', 'log-health').expect(200);
    const imported = await request(server.url)
      .post('/v1/articles')
      .set('Authorization', editor)
      .set('X-Request-Id', 'log-import')
      .send(importOf000('logging'))
      .expect(201);
    await request(server.url)
      .get(`/v1/articles/${imported.body.id}/text?revision=1`)
      .set('Authorization', editor)
      .set('X-Request-Id', 'log-read')
      .expect(200);
    await request(server.url).get('/v1/articles').set('X-Request-Id', 'log-anonymous').expect(401);

    const [importLine, ...more] = await linesOf(server, 'log-import', 1);
    expect(more).toEqual([]);
    expect(importLine).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/v1/articles',
      path: '/v1/articles',
      status: 201,
      actor: users.editor.sub,
      msg: 'POST /v1/articles 201',
    });
    expect(importLine!.durationMs).toEqual(expect.any(Number));
    expect(new Date(importLine!.time as string).toISOString()).toBe(importLine!.time);

    // The path without its query, and the route template that groups every article.
    expect(await linesOf(server, 'log-read', 1)).toEqual([
      expect.objectContaining({
        route: '/v1/articles/:id/text',
        path: `/v1/articles/${imported.body.id}/text`,
        status: 200,
      }),
    ]);
    // A refusal is a warning naming its code; there is no actor without a token.
    const [refusal] = await linesOf(server, 'log-anonymous', 1);
    expect(refusal).toMatchObject({ level: 'warn', status: 401, code: 'unauthenticated' });
    expect(refusal).not.toHaveProperty('actor');
    expect(await linesOf(server, 'log-health', 0)).toEqual([]);

    const output = server.output();
    expect(output).not.toContain(editor.slice('Bearer '.length));
    expect(output).not.toMatch(/authorization/i);
    expect(output).not.toContain(importOf000('logging').title);
  });

  it('logs a failure as an error line with the error, then the request’s line', async () => {
    // Another writer holds the event log: the append fails once SQLite's busy timeout passes.
    const intruder = new Database(join(dir.path, 'events.db'), { timeout: 0 });
    intruder.exec('BEGIN EXCLUSIVE');
    try {
      await request(server.url)
        .post('/v1/articles')
        .set('Authorization', editor)
        .set('X-Request-Id', 'log-failure')
        .send(importOf000('locked'))
        .expect(503);
    } finally {
      intruder.exec('ROLLBACK');
      intruder.close();
    }

    const [failure, access, ...more] = await linesOf(server, 'log-failure', 2);
    expect(more).toEqual([]);
    expect(failure).toMatchObject({
      level: 'error',
      context: 'ProblemDetails',
      err: { type: 'EventStoreUnavailableError', code: 'event_store_unavailable' },
    });
    expect(failure!.err!.stack).toMatch(/caused by: SqliteError: database is locked/);
    expect(access).toMatchObject({
      level: 'error',
      route: '/v1/articles',
      status: 503,
      code: 'event_store_unavailable',
      actor: users.editor.sub,
    });
    expect(server.output()).not.toContain(editor.slice('Bearer '.length));
  }, 30_000);
});
