import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { coalCapture } from '../../admin-api/support/claim-requests';
import { type HealthReport } from '../../../apps/admin-api/src/health/health.controller';
import { type RunningAdminApi } from '../../support/admin-api';
import { makeTempDir } from '../../support/temp-dir';
import { SeededRandom } from '../../support/seeded-random';
import { CHILD_JWT_SECRET, type ChildServer, startChildServer } from './child-server';
import {
  team,
  type Answered,
  type ClaimAction,
  type CorrectionAction,
  type Member,
  type Planned,
} from './race-answers';
import { checkClaims, checkCorrections } from './race-streams';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

const seed = Number(process.env.RACE_SEED ?? 20240309);

/**
 * Two servers on one log and the clients that race on them, started before the tests of the
 * describe that calls this and stopped after them. The mix of requests comes from a seeded
 * generator (RACE_SEED to replay another mix), one per spec file.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function raceThroughTwoServers(start: StartAdminApi) {
  let dir: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let child: ChildServer;
  let servers: string[];
  let store: EventStore;
  const tokens = {} as Record<Member, string>;
  const seeded = new SeededRandom(seed);
  const random = () => seeded.next();
  let sequence = 0;

  beforeAll(async () => {
    // Two servers on one log: this process's, and a child process exactly as `npm start` runs
    // it. Within one process a command's read and append run without another request in
    // between, so only a second process makes appends race for real (with `any` as expected
    // revision, this test then fails). The SQLite log lives in DATA_DIR, so they share the
    // folder, where docs/deployment.md gives each EventStoreDB replica its own: the projectors
    // then write one read-model file (a second writer is expected: CheckpointMovedError), the
    // process managers one state file (their steps are idempotent), and no request here sends
    // an Idempotency-Key.
    dir = makeTempDir('marginalia-race-');
    const env = { DATA_DIR: dir.path, AUTH_JWT_SECRET: CHILD_JWT_SECRET };
    api = await start({ ...env, RATE_LIMIT_PER_MINUTE: '1000000' });
    child = await startChildServer({ dataDir: dir.path });
    servers = [api.url, child.url];
    store = api.app.get<EventStore>(EVENT_STORE);
    for (const [member, actor] of Object.entries(team)) {
      tokens[member as Member] = `Bearer ${await api.tokenFor(actor)}`;
    }
  }, 60_000);

  afterAll(async () => {
    await child?.stop();
    await api?.stop();
    dir?.remove();
  });

  /** Sends every planned request at once, each to either server; answers them in order. */
  async function burst<Action extends string>(
    planned: ReadonlyArray<Planned<Action> & { streamId: string }>,
  ): Promise<Answered<Action>[]> {
    const targets = planned.map(() => pick(servers));
    return Promise.all(
      planned.map(async (plan, index) => {
        sequence += 1;
        const requestId = `race-${seed}-${sequence}`;
        const server = targets[index]!;
        const call =
          plan.method === 'POST'
            ? request(server).post(plan.path)
            : request(server).patch(plan.path);
        call.set('Authorization', tokens[plan.by]).set('X-Request-Id', requestId);
        if (plan.ifMatch !== undefined) {
          call.set('If-Match', plan.ifMatch === '*' ? '*' : `"${plan.ifMatch}"`);
        }
        const response = await call.send(plan.body);
        return {
          ...plan,
          requestId,
          status: response.status,
          body: response.body as Record<string, unknown>,
          etag: response.headers.etag,
          contentType: String(response.headers['content-type'] ?? ''),
        };
      }),
    );
  }

  async function get(path: string): Promise<Record<string, unknown>> {
    const response = await request(api.url).get(path).set('Authorization', tokens.auditor);
    expect(response.status).toBe(200);
    return response.body as Record<string, unknown>;
  }

  /** Waits until both servers' process managers and projectors have handled the whole log. */
  async function settle(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const head = await store.headPosition();
      const reports = await Promise.all(
        servers.map(async (server) => {
          const response = await request(server).get('/health').expect(200);
          return response.body as HealthReport;
        }),
      );
      const idle = reports.every(
        (report) =>
          report.store.headPosition === head &&
          report.projector.position === head &&
          report.processManagers.position === head,
      );
      if (idle && (await store.headPosition()) === head) return;
      if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(reports)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const shuffled = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };

  /** Adds requests on one stream; If-Match is the version just read, or at random none. */
  function plannerFor<Action extends string>(
    planned: Array<Planned<Action> & { streamId: string }>,
    streamId: string,
    resource: string,
    version: number,
    patch: Action,
  ) {
    return (
      action: Action,
      by: Member,
      path: string,
      body: Record<string, unknown>,
      asks: Record<string, unknown>,
    ) => {
      const method = action === patch ? 'PATCH' : 'POST';
      // A PATCH needs If-Match (428 without it): `*` names no version.
      const ifMatch = random() < 0.5 ? version : method === 'PATCH' ? '*' : undefined;
      planned.push({ streamId, action, by, method, path: resource + path, body, ifMatch, asks });
    };
  }

  async function post(member: Member, path: string, body: object) {
    const response = await request(api.url)
      .post(path)
      .set('Authorization', tokens[member])
      .send(body);
    if (response.status >= 300) {
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as Record<string, unknown>;
  }

  async function captureClaims(articleId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      ids.push(
        (await post('checker', `/v1/articles/${articleId}/claims`, coalCapture)).id as string,
      );
    }
    return ids;
  }

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get store(): EventStore {
      return store;
    },
    burst,
    get,
    settle,
    pick,
    shuffled,
    plannerFor,
    post,
    captureClaims,
    checkClaims: (claims: readonly string[], answered: readonly Answered<ClaimAction>[]) =>
      checkClaims({ store, get }, claims, answered),
    checkCorrections: (
      articles: readonly string[],
      corrections: readonly string[],
      answered: readonly Answered<CorrectionAction>[],
    ) => checkCorrections({ store, get }, articles, corrections, answered),
  };
}
