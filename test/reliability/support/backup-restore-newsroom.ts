import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import {
  EVENT_STORE,
  type EventStore,
  iterateAll,
  type StoredEvent,
} from '@marginalia/event-store';
import { SqliteLogFile } from '@marginalia/event-store/sqlite/sqlite-log-file';
import { type BackupSummary } from '../../../apps/cli/src/commands/backup';
import { type HealthReport } from '../../../apps/admin-api/src/health/health.controller';
import { importArticle } from '../../admin-api/support/article-requests';
import { coalCapture, verdictOf } from '../../admin-api/support/claim-requests';
import { import002, PINYIN_IN_RECYCLING } from '../../admin-api/support/desk';
import { type RunningAdminApi, users } from '../../support/admin-api';
import { makeTempDir } from '../../support/temp-dir';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

const root = join(__dirname, '..', '..', '..');

/**
 * A server with a story in its data folder (a published correction, a verdict), writers that
 * keep appending while a backup is taken, and the check that a backup is a prefix of its log;
 * started before the tests of the describe that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function newsroomToBackUp(start: StartAdminApi) {
  let source: ReturnType<typeof makeTempDir>;
  let work: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let store: EventStore;
  let articles: string[];

  beforeAll(async () => {
    source = makeTempDir('marginalia-backup-source-');
    work = makeTempDir('marginalia-backup-');
    api = await start({ DATA_DIR: source.path, RATE_LIMIT_PER_MINUTE: '1000000' });
    store = api.app.get<EventStore>(EVENT_STORE);
    // A story with a published correction (a new revision, re-anchored claims) and a verdict.
    const coal = (await importArticle(api, 'backup-000')).id;
    const pinyin = await import002(api, 'backup-002');
    articles = [coal, pinyin];
    await post('fact_checker', `/v1/articles/${pinyin}/claims`, {
      selector: { exact: '全市非煤工業(yè)增加值平均增速10%' },
    });
    const correction = await post('editor', `/v1/articles/${pinyin}/corrections`, {
      selector: PINYIN_IN_RECYCLING,
      kind: 'correction',
      replacement: '推動',
      notice: '更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」。',
    });
    await post('standards_editor', `/v1/corrections/${String(correction.id)}/approve`, {});
    await settled(api.url);
    const published = await request(api.url)
      .get(`/v1/corrections/${String(correction.id)}`)
      .set('Authorization', `Bearer ${await api.token('auditor')}`);
    expect(published.body).toMatchObject({ status: 'published', publishedRevision: 2 });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    source?.remove();
    work?.remove();
  });

  async function post(role: keyof typeof users, path: string, body: object) {
    const response = await request(api.url)
      .post(path)
      .set('Authorization', `Bearer ${await api.token(role)}`)
      .send(body);
    if (response.status >= 300) {
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as Record<string, unknown>;
  }

  /**
   * Clients that keep writing until stopped: each captures a claim and takes it through to a
   * published verdict (the approval is one append of two events).
   */
  function startWriters(clients = 3) {
    let stopping = false;
    let writes = 0;
    const loop = async (client: number) => {
      for (let n = 1; !stopping; n += 1) {
        const claim = await post('fact_checker', `/v1/articles/${articles[0]!}/claims`, {
          ...coalCapture,
          statement: `山西省2023年煤炭产量达到13.78亿吨（写入者${client}第${n}条）`,
        });
        const id = String(claim.id);
        await post('editor', `/v1/claims/${id}/assignment`, { assignee: users.fact_checker.sub });
        await post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf());
        await post('fact_checker', `/v1/claims/${id}/verdict/submit`, {});
        await post('standards_editor', `/v1/claims/${id}/verdict/approve`, {});
        writes += 5;
      }
    };
    const loops = Array.from({ length: clients }, (_, client) => loop(client + 1));
    return {
      writes: () => writes,
      async stop() {
        stopping = true;
        await Promise.all(loops);
      },
    };
  }

  async function whileWriting<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; before: number; after: number }> {
    const writers = startWriters();
    try {
      while (writers.writes() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = await store.headPosition();
      const result = await work();
      const after = await store.headPosition();
      return { result, before, after };
    } finally {
      await writers.stop();
    }
  }

  /** The backup holds exactly the live log's first events, and cuts no append in two. */
  async function expectConsistentPrefix(file: string, summary: BackupSummary): Promise<void> {
    const copy = new SqliteLogFile(file);
    const copied: StoredEvent[] = [];
    try {
      for await (const event of iterateAll(copy, { pageSize: 500 })) copied.push(event);
    } finally {
      copy.close();
    }
    const head = summary.headPosition;
    expect(copied).toHaveLength(head);
    expect(summary.events).toBe(head);
    const live: StoredEvent[] = [];
    for await (const event of iterateAll(store, { until: head + 1 })) live.push(event);
    expect(copied).toEqual(live.slice(0, head));
    expect(copied.map((event) => event.position)).toEqual(
      Array.from({ length: head }, (_, index) => index + 1),
    );
    // The next live event, if any, belongs to another append than the backup's last event.
    const last = live[head - 1]!;
    const next = live[head];
    if (next) expect(sameAppend(last, next)).toBe(false);
    expect(summary.streams).toBe(new Set(copied.map((event) => event.streamId)).size);
    expect(summary.sha256).toBe(sha256(file));
  }

  return {
    get source(): ReturnType<typeof makeTempDir> {
      return source;
    },
    get work(): ReturnType<typeof makeTempDir> {
      return work;
    },
    get api(): RunningAdminApi {
      return api;
    },
    get articles(): string[] {
      return articles;
    },
    whileWriting,
    expectConsistentPrefix,
  };
}

/** Whether two neighbouring events were stored by one append (one command's batch). */
function sameAppend(a: StoredEvent, b: StoredEvent): boolean {
  return (
    a.streamId === b.streamId &&
    a.recordedAt === b.recordedAt &&
    a.metadata.causationId === b.metadata.causationId &&
    b.position === a.position + 1
  );
}

/** Waits until a server's projector and process managers have handled its whole log. */
export async function settled(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const report = (await request(url).get('/health').expect(200)).body as HealthReport;
    const head = report.store.headPosition;
    if (report.projector.position === head && report.processManagers.position === head) {
      const again = (await request(url).get('/health').expect(200)).body as HealthReport;
      if (again.store.headPosition === head) return;
    }
    if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file of a folder (or the ones named) with its SHA-256. */
export function snapshot(dir: string, only?: string[]): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !only || only.includes(name))
      .sort()
      .map((name) => [name, sha256(join(dir, name))]),
  );
}

/** The CLI as `npm run cli` runs it, compiled on the fly, in a child process (not blocking). */
export function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './scripts/register-ts.js', 'apps/cli/src/main.ts', ...args],
      { cwd: root, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
