import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type Actor, type Role, streams } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import { generateSigner } from '@marginalia/verifiable-log';
import { users } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { builtCli } from '../cli/built-cli';
import {
  buildAll,
  type BuiltServer,
  health,
  settle,
  startBuiltServer,
} from './support/built-admin-api';

/*
 * Two API replicas as two processes of the built server (`npm run build`, run as `npm start`
 * runs it) on one EventStoreDB log, each with its own DATA_DIR (read models, process managers,
 * tree) and the same token secret and log signing key (issue 16). The newsroom works through
 * both over HTTP; both replicas' process managers race on every approval and revision.
 * Every count is scoped to this run's article, so the log may already hold events:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://127.0.0.1:2113,127.0.0.1:2123,127.0.0.1:2133?tls=false&nodePreference=leader' \
 *   npx jest test/event-store/eventstoredb-replica-processes.int.spec.ts
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

const TEXT = [
  '太原讯 省统计局3月8日发布数据。',
  '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。',
  '发电量4376亿千瓦时，陽泉的天更藍了、水更清了、地更綠了。',
  '全省新增就业岗位47.3万个，城镇登记失业率为3.1%。',
].join('\n\n');
const PASSAGES = ['13.78亿吨', '3.2%', '4376亿千瓦时', '47.3万个', '3.1%'];
const otherStandardsEditor: Actor = {
  sub: 'standards-zhao',
  name: '赵标准',
  roles: ['standards_editor'],
};
const SECRET = `replicas-${randomBytes(24).toString('hex')}`;

function describeReplicas() {
  let dir: ReturnType<typeof makeTempDir>;
  const replicas: BuiltServer[] = [];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    buildAll();
    dir = makeTempDir('marginalia-replica-processes-');
    const keyFile = join(dir.path, 'log-signing-key');
    writeFileSync(
      keyFile,
      `${generateSigner('replicas.example/log', randomBytes(32)).signerKey}\n`,
      {
        mode: 0o600,
      },
    );
    for (const name of ['a', 'b']) {
      mkdirSync(join(dir.path, name));
      replicas.push(
        await startBuiltServer({
          DATA_DIR: join(dir.path, name),
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_CONNECTION_STRING: connectionString!,
          AUTH_JWT_SECRET: SECRET,
          LOG_SIGNING_KEY_FILE: keyFile,
          SEED_CORPUS: 'false',
          // The auditor's token reads the whole feed twice: over 600 a minute on a long log.
          RATE_LIMIT_PER_MINUTE: '100000',
        }),
      );
    }
    const actors: Record<string, Actor> = {
      ...users,
      other_standards_editor: otherStandardsEditor,
    };
    for (const [desk, actor] of Object.entries(actors)) {
      tokens.set(desk, `Bearer ${await replicas[0]!.token(actor)}`);
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    dir?.remove();
  });

  /** A request as one desk on one replica that must answer `status`; answers the body. */
  async function as(
    desk: Role | 'other_standards_editor',
    on: BuiltServer,
    method: 'get' | 'post',
    path: string,
    status: number,
    body?: object,
  ): Promise<Record<string, unknown>> {
    const call = request(on.url)[method](path).set('Authorization', tokens.get(desk)!);
    const response = await (body === undefined ? call : call.send(body));
    if (response.status !== status) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as Record<string, unknown>;
  }

  it('publish each correction once and move each annotation once per revision, with one tree', async () => {
    const [a, b] = replicas as [BuiltServer, BuiltServer];
    const run = randomUUID().slice(0, 8);
    const { id: articleId } = (await as('editor', a, 'post', '/v1/articles', 201, {
      title: '统计局发布数据',
      language: 'zh-Hans',
      format: 'text',
      content: TEXT,
      source: { url: `https://example.org/news/replicas-${run}`, publisher: '山西日报' },
    })) as { id: string };
    const claims: string[] = [];
    for (const [index, exact] of PASSAGES.entries()) {
      const on = index % 2 ? a : b;
      const captured = await as(
        'fact_checker',
        on,
        'post',
        `/v1/articles/${articleId}/claims`,
        201,
        {
          selector: { exact },
        },
      );
      claims.push(captured.id as string);
    }

    // A verdict through its steps, each step on the other replica than the one before.
    const reviewed = claims[2]!;
    await as('editor', a, 'post', `/v1/claims/${reviewed}/assignment`, 200, {
      assignee: users.fact_checker.sub,
    });
    await as('fact_checker', b, 'post', `/v1/claims/${reviewed}/verdict`, 200, {
      rating: 'true',
      summary: '国家统计局分省数据显示发电量为4376亿千瓦时。',
      sources: [
        { url: 'https://www.stats.gov.cn/', title: '分省年度数据', accessedAt: '2024-03-09' },
      ],
    });
    await as('fact_checker', a, 'post', `/v1/claims/${reviewed}/verdict/submit`, 200);
    const published = await as(
      'standards_editor',
      b,
      'post',
      `/v1/claims/${reviewed}/verdict/approve`,
      200,
    );
    expect(published.status).toBe('published');

    // Corrections approved on alternating replicas, two at once, an editor's revision between.
    const corrections: string[] = [];
    const propose = async (on: BuiltServer, exact: string, replacement: string) => {
      const body = await as('editor', on, 'post', `/v1/articles/${articleId}/corrections`, 201, {
        selector: { exact },
        kind: 'correction',
        replacement,
        notice: `更正：${exact}应为${replacement}。`,
      });
      corrections.push(body.id as string);
      return body.id as string;
    };
    const first = await propose(a, '13.78亿吨', '13.79亿吨');
    const second = await propose(b, '47.3万个', '47.4万个');
    await Promise.all([
      as('standards_editor', b, 'post', `/v1/corrections/${first}/approve`, 200),
      as('other_standards_editor', a, 'post', `/v1/corrections/${second}/approve`, 200),
    ]);
    await settle(replicas);
    const current = await as('editor', a, 'get', `/v1/articles/${articleId}/text`, 200);
    await as('editor', b, 'post', `/v1/articles/${articleId}/revisions`, 201, {
      format: 'text',
      content: (current.text as string).replace('太原讯', '太原讯（记者 李华）'),
      reason: '补充记者署名',
    });
    const third = await propose(a, '3.1%', '3.0%');
    await as('standards_editor', b, 'post', `/v1/corrections/${third}/approve`, 200);
    await settle(replicas);

    // The log, this run's streams only.
    const store = new EventStoreDbEventStore({ connectionString: connectionString! });
    const read = async (streamId: string) => ({
      streamId,
      events: await store.readStream(streamId),
    });
    let article: StoredEvent[];
    let annotations: Array<{ streamId: string; events: StoredEvent[] }>;
    try {
      article = (await read(streams.article(articleId))).events;
      annotations = await Promise.all([
        ...claims.map((id) => read(streams.claim(id))),
        ...corrections.map((id) => read(streams.correction(id))),
      ]);
    } finally {
      await store.close();
    }
    const revisions = article.filter((event) => event.type === 'ArticleRevised');
    expect(revisions).toHaveLength(4);
    for (const correctionId of corrections) {
      const { events } = annotations.find((s) => s.streamId === streams.correction(correctionId))!;
      expect(events.filter((event) => event.type === 'CorrectionPublished')).toHaveLength(1);
      const applied = revisions.filter(
        (event) => (event.data.cause as { correctionId?: string }).correctionId === correctionId,
      );
      expect(applied).toHaveLength(1);
    }
    const verdicts = annotations.find((s) => s.streamId === streams.claim(reviewed))!.events;
    expect(verdicts.filter((event) => event.type === 'VerdictPublished')).toHaveLength(1);
    // Each annotation moves exactly once into every revision after its own, in order; a
    // correction's own publication is the revision it made, not one it moves into.
    for (const { streamId, events } of annotations) {
      const moves = events
        .filter((event) => /^Annotation(Reanchored|Orphaned)$/.test(event.type))
        .map((event) =>
          event.type === 'AnnotationReanchored'
            ? (event.data.anchor as { revision: number }).revision
            : (event.data.revision as number),
        );
      const proposed = events[0]!.data.anchor as { revision: number } | undefined;
      const correctionId = events[0]!.data.correctionId as string | undefined;
      const made = revisions.find(
        (event) =>
          correctionId !== undefined &&
          (event.data.cause as { correctionId?: string }).correctionId === correctionId,
      );
      const expected = [2, 3, 4, 5].filter(
        (revision) => revision > (proposed?.revision ?? 1) && revision !== made?.data.revision,
      );
      expect({ streamId, moves }).toEqual({ streamId, moves: expected });
    }
    for (const claimId of claims) {
      const shown = await Promise.all(
        replicas.map((on) => as('auditor', on, 'get', `/v1/claims/${claimId}`, 200)),
      );
      expect(shown[1]).toEqual(shown[0]);
      // Both replicas' read models show where its last move left it.
      const anchor = shown[0]!.anchor as { revision: number; state: string };
      const last = annotations.find((s) => s.streamId === streams.claim(claimId))!.events.at(-1)!;
      expect(anchor.state === 'orphaned' ? 'orphaned' : anchor.revision).toBe(
        last.type === 'AnnotationOrphaned' ? 'orphaned' : 5,
      );
    }

    // Each replica: chains, read models against a replay, its tree against its checkpoints.
    for (const on of replicas) {
      const report = await as('auditor', on, 'get', '/v1/admin/integrity', 200);
      expect(report).toMatchObject({ ok: true, chains: { ok: true }, readModels: { ok: true } });
      expect((await health(on)).processManagers.failures).toBe(0);
    }
    // Both trees: the same root at the same size, and each replica's checkpoint verified by
    // the built CLI from the other replica's feed and proofs (with every checkpoint it issued).
    const issued = [];
    for (const on of replicas) {
      issued.push(await as('admin', on, 'post', '/v1/admin/log/checkpoints', 201));
    }
    expect(issued[1]!.treeSize).toBe(issued[0]!.treeSize);
    expect(issued[1]!.rootHash).toBe(issued[0]!.rootHash);
    for (const [index, checkpoint] of issued.entries()) {
      const file = join(dir.path, `kept-${index}.checkpoint`);
      writeFileSync(file, checkpoint.note as string);
      for (const on of [replicas[1 - index]!]) {
        const auditor = tokens.get('auditor')!.replace('Bearer ', '');
        // The built CLI, as `npm run cli` runs it; a long log's feed takes more than a minute.
        const verified = spawnSync(
          process.execPath,
          [builtCli, 'verify', '--checkpoint', file, '--url', on.url, '--token', auditor],
          {
            cwd: dir.path,
            encoding: 'utf8',
            timeout: 240_000,
            env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir.path, 'elsewhere') },
          },
        );
        const outcome = { on: on.url, status: verified.status, stderr: verified.stderr };
        // A failed verify says why in its report.
        if (verified.status !== 0)
          Object.assign(outcome, { report: verified.stdout.slice(0, 2000) });
        expect(outcome).toEqual({ on: on.url, status: 0, stderr: '' });
        expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, problems: [] });
      }
    }
  }, 900_000);
}

if (connectionString) {
  describe('two built API processes as replicas on one EventStoreDB log', describeReplicas);
} else {
  const why = 'EVENTSTORE_CONNECTION_STRING is not set';
  console.warn(`EventStoreDB replica processes test skipped: ${why}; no server was contacted.`);
  describe('two built API processes as replicas on one EventStoreDB log', () => {
    it.skip(`skipped: ${why}`, () => undefined);
  });
}
