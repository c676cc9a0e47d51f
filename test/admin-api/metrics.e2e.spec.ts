import { request as httpRequest, type ClientRequest } from 'node:http';
import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { importOf000 } from './support/article-requests';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/**
 * The Prometheus text format 0.0.4, strictly: every line a comment or a sample, every sample
 * of a family declared by `# TYPE` before it.
 */
function parsePrometheusText(text: string): Sample[] {
  const declared = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      declared.set(type[1]!, type[2]!);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Not Prometheus text: ${line}`);
    const [, name, labelText = '', value] = match;
    const family = name!.replace(/_(bucket|sum|count)$/, '');
    if (!declared.has(name!) && declared.get(family) !== 'histogram')
      throw new Error(`No # TYPE for ${name}`);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      if (!label) throw new Error(`Bad labels: ${line}`);
      labels[label[1]!] = label[2]!;
    }
    samples.push({ name: name!, labels, value: Number(value) });
  }
  return samples;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}`);
  return found[0]!.value;
}

const MISSING_IDS = [
  '0190f5c2-0000-7000-8000-00000000000a',
  '0190f5c2-0000-7000-8000-00000000000b',
];

describe('GET /metrics', () => {
  let api: RunningAdminApi;
  let auditor: string;

  const scrape = async () => {
    const response = await request(api.url)
      .get('/metrics')
      .set('Authorization', auditor)
      .expect(200);
    return { response, samples: parsePrometheusText(response.text) };
  };

  beforeAll(async () => {
    api = await startAdminApi();
    auditor = `Bearer ${await api.token('auditor')}`;
  });

  afterAll(() => api.stop());

  it('needs an auditor’s or an admin’s token, like every route but /health and /docs', async () => {
    const anonymous = await request(api.url).get('/metrics').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body.code).toBe('unauthenticated');
    const editor = await request(api.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${await api.token('editor')}`)
      .expect(403);
    expect(editor.body.code).toBe('forbidden');
    await request(api.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${await api.token('admin')}`)
      .expect(200);
  });

  it('is Prometheus text that times each request by method, route template and status', async () => {
    const editor = `Bearer ${await api.token('editor')}`;
    await request(api.url)
      .post('/v1/articles')
      .set('Authorization', editor)
      .send(importOf000('metrics'))
      .expect(201);
    for (const id of MISSING_IDS) {
      await request(api.url).get(`/v1/articles/${id}`).set('Authorization', editor).expect(404);
    }
    await request(api.url).get('/no/such/route').set('Authorization', editor).expect(404);

    const { response, samples } = await scrape();
    expect(response.headers['content-type']).toMatch(/^text\/plain;/);
    expect(response.headers['content-type']).toMatch(/; version=0\.0\.4\b/);
    const count = (route: string, method: string, status: string) =>
      valueOf(samples, 'http_request_duration_seconds_count', {
        route,
        method,
        status_code: status,
      });
    expect(count('/v1/articles', 'POST', '201')).toBe(1);
    expect(count('/v1/articles/:id', 'GET', '404')).toBe(2);
    expect(count('unmatched', 'GET', '404')).toBe(1);
    const bucketAtInfinity = valueOf(samples, 'http_request_duration_seconds_bucket', {
      route: '/v1/articles/:id',
      status_code: '404',
      le: '+Inf',
    });
    expect(bucketAtInfinity).toBe(2);
    // Ids never become label values: one series per route, however many articles.
    for (const sample of samples) {
      for (const value of Object.values(sample.labels)) {
        expect(MISSING_IDS.some((id) => value.includes(id))).toBe(false);
      }
    }
  });

  it('exports the heap, the garbage collector and prom-client’s own event-loop lag', async () => {
    const { response, samples } = await scrape();
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeLessThan(
      valueOf(samples, 'marginalia_heap_size_limit_bytes'),
    );
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
    // Its series appear with the first collection of each kind.
    expect(response.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(valueOf(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts the requests in flight, an open event stream among them', async () => {
    const before = valueOf((await scrape()).samples, 'http_requests_in_flight');
    // Itself only: the scrape is in flight while it renders.
    expect(before).toBe(1);
    const stream = await openEventStream(api.url, auditor);
    try {
      expect(valueOf((await scrape()).samples, 'http_requests_in_flight')).toBe(2);
    } finally {
      stream.destroy();
    }
    const deadline = Date.now() + 5_000;
    while (valueOf((await scrape()).samples, 'http_requests_in_flight') !== 1) {
      if (Date.now() > deadline) throw new Error('The closed stream stayed in flight');
      await sleep(20);
    }
  });

  it('shows a blocked event loop in the delay of the window since the previous scrape', async () => {
    await scrape(); // starts a new window
    await sleep(50);
    // This server runs in the test's process: blocking the test blocks the server.
    const blockedUntil = Date.now() + 250;
    while (Date.now() < blockedUntil);
    await sleep(20);
    const { samples } = await scrape();
    const delay = (quantile: string) =>
      valueOf(samples, 'marginalia_event_loop_delay_seconds', { quantile });
    expect(delay('1')).toBeGreaterThanOrEqual(0.2);
    expect(delay('0.99')).toBeGreaterThanOrEqual(0.2);
    expect(delay('0.5')).toBeLessThan(0.2);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET /v1/events/stream, resolved once the answer's headers arrived; it stays open. */
function openEventStream(url: string, authorization: string): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/events/stream`, {
      headers: { Authorization: authorization, Accept: 'text/event-stream' },
    });
    req.on('response', (response) => {
      if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
      else resolve(req);
    });
    req.on('error', () => undefined);
    req.end();
  });
}
