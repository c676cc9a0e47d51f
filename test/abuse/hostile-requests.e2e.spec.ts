import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { type BenchServer, startServer } from '../../bench/support/server';
import { buildServer } from '../../bench/support/server-build';
import { makeTempDir } from '../support/temp-dir';
import { HealthProbe, type ProbeFigures } from './support/health-probe';
import { HOSTILE_REQUESTS, importBody } from './support/hostile-requests';

/**
 * The server as `npm start` runs it (compiled, its own process, its heap limit) takes each
 * hostile request while a probe asks it for /health every 25 ms: it must answer the request
 * within 15 s with a status a correct server gives, stay up, append nothing for what it refuses,
 * and keep /health under 300 ms at p99 throughout.
 */
const ANSWER_WITHIN_MS = 15_000;
const HEALTH_P99_MS = 300;

const EDITOR: Actor = { sub: 'editor-abuse', roles: ['editor'] };
const CHECKER: Actor = { sub: 'checker-abuse', roles: ['fact_checker'] };

let dir: ReturnType<typeof makeTempDir>;
let server: BenchServer;
let article: string;
const figures: Array<{ name: string; status: number; ms: number; health: ProbeFigures }> = [];

async function send(path: string, actor: Actor, body: string) {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await server.token(actor)}`,
      'Content-Type': 'application/json',
    },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: text,
    ms: performance.now() - started,
  };
}

async function head(): Promise<number> {
  return (await server.health()).store.headPosition ?? -1;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = makeTempDir();
  const build = buildServer(join(dir.path, 'build'));
  server = await startServer(build, join(dir.path, 'data'), { RATE_LIMIT_PER_MINUTE: '100000' });
  const created = await send(
    '/v1/articles',
    EDITOR,
    importBody('text', '第一段。🇺🇸🇫🇷 e\u0301 𠀾\n\n第二段。'),
  );
  expect(created.status).toBe(201);
  article = (JSON.parse(created.body) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  console.log(JSON.stringify({ hostileRequests: figures }, null, 1));
  await server?.stop();
  dir?.remove();
});

describe('the server under hostile requests', () => {
  it.each(HOSTILE_REQUESTS.map((request) => [request.name, request] as const))(
    'survives %s, answers in time and keeps /health quick',
    async (_, hostile) => {
      const body = hostile.body();
      const before = await head();
      const probe = new HealthProbe(server.url).start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = await send(
        hostile.path.replace('{article}', article),
        hostile.role === 'editor' ? EDITOR : CHECKER,
        body,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await probe.stop();
      figures.push({
        name: hostile.name,
        status: answer.status,
        ms: Math.round(answer.ms),
        health,
      });

      expect(alive(server.pid)).toBe(true);
      // The status with the start of the answer, so that a failure says what came back.
      expect(
        hostile.expected.includes(answer.status) ? 'expected' : answer.body.slice(0, 300),
      ).toBe('expected');
      if (answer.status >= 400) {
        expect(answer.type).toContain('application/problem+json');
        expect(JSON.parse(answer.body)).toMatchObject({ code: expect.any(String) });
        expect(await head()).toBe(before);
      }
      expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(health.failures).toBe(0);
      expect(health.p99Ms).toBeLessThan(HEALTH_P99_MS);
    },
    120_000,
  );

  it('refuses a claim that takes half of each of two flags, and takes one whole flag', async () => {
    const flags = await send(
      '/v1/articles',
      EDITOR,
      importBody('text', `가${'🇺🇸🇫🇷🇩🇪🇯🇵'.repeat(50)}`),
    );
    expect(flags.status).toBe(201);
    const id = (JSON.parse(flags.body) as { id: string }).id;
    const halves = await send(
      `/v1/articles/${id}/claims`,
      CHECKER,
      JSON.stringify({ selector: { start: 128, end: 130 } }),
    );
    expect([halves.status, JSON.parse(halves.body).code]).toEqual([422, 'span_splits_grapheme']);
    const whole = await send(
      `/v1/articles/${id}/claims`,
      CHECKER,
      JSON.stringify({ selector: { start: 129, end: 131 } }),
    );
    expect([whole.status, JSON.parse(whole.body).anchor?.exact]).toEqual([201, '🇺🇸']);
  });
});
