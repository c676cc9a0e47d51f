import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { type Claim } from '@marginalia/domain';
import { CaptureClaimCommand, type CommandResult } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@marginalia/event-store';
import { keyedRequestIds } from '@marginalia/platform';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { importOf000 } from './support/article-requests';
import { coalCapture, verdictOf } from './support/claim-requests';

type Desk = 'editor' | 'fact_checker' | 'standards_editor';

/**
 * The crash window of an Idempotency-Key, without killing a process: the request's events are
 * in the log, but the answer never reached `idempotency.db`. The test puts the key's record back
 * in the state a crash leaves it (reserved, unanswered) and restarts the server on the same data
 * folder, which frees such keys, exactly as after a `kill -9` (test/reliability covers the kill).
 */
describe('a retry after a crash that lost the Idempotency-Key’s answer', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let articleId: string;
  const tokens: Partial<Record<Desk, string>> = {};

  beforeAll(async () => {
    dir = makeTempDir('marginalia-crash-window-');
    api = await startAdminApi({ DATA_DIR: dir.path });
    // The signing secret is kept in the data folder: these tokens outlive the restarts.
    for (const desk of ['editor', 'fact_checker', 'standards_editor'] as const) {
      tokens[desk] = `Bearer ${await api.token(desk)}`;
    }
    const imported = await post('editor', '/v1/articles', importOf000('crash-window')).expect(201);
    articleId = imported.body.id as string;
  });

  afterAll(async () => {
    await api.stop();
    dir.remove();
  });

  function post(desk: Desk, path: string, body?: object, headers: Record<string, string> = {}) {
    let call = request(api.url).post(path).set('Authorization', tokens[desk]!);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return body === undefined ? call : call.send(body);
  }

  /** Stops the server, forgets every recorded answer as a crash would, and starts it again. */
  async function crashWindow(): Promise<void> {
    await api.stop();
    const keys = new Database(join(dir.path, 'idempotency.db'));
    keys.exec('UPDATE idempotency_keys SET status = NULL, headers = NULL, body = NULL');
    keys.close();
    api = await startAdminApi({ DATA_DIR: dir.path });
  }

  const store = () => api.app.get<EventStore>(EVENT_STORE);
  const withKey = async (key: string): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    for (let after = 0; ;) {
      const page = await store().readAll({ after, maxCount: 1000 });
      if (page.length === 0) return events;
      events.push(...page.filter((event) => event.metadata.idempotencyKey === key));
      after = page[page.length - 1]!.position;
    }
  };

  it('answers a captured claim again with the same claim, and captures nothing twice', async () => {
    const path = `/v1/articles/${articleId}/claims`;
    const key = { 'Idempotency-Key': 'capture-coal' };
    const first = await post('fact_checker', path, coalCapture, key).expect(201);
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('fact_checker', path, coalCapture, key).expect(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.headers.location).toBe(first.headers.location);
    expect(retried.body).toEqual(first.body);
    expect(await api.headPosition()).toBe(head);
    expect((await withKey('capture-coal')).map((event) => event.type)).toEqual(['ClaimCaptured']);
  });

  it('answers a proposed correction again with the same correction', async () => {
    const path = `/v1/articles/${articleId}/corrections`;
    const key = { 'Idempotency-Key': 'propose-note' };
    const note = { kind: 'editors_note', notice: '本文数据来自山西省统计局公报。' };
    const first = await post('editor', path, note, key).expect(201);
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('editor', path, note, key).expect(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.headers.location).toBe(first.headers.location);
    expect(await api.headPosition()).toBe(head);
    expect((await withKey('propose-note')).map((event) => event.type)).toEqual([
      'CorrectionProposed',
    ]);
  });

  async function assignedClaim(start: number): Promise<string> {
    const captured = await post('fact_checker', `/v1/articles/${articleId}/claims`, {
      selector: { start, end: start + 10 },
    }).expect(201);
    const claim = `/v1/claims/${captured.body.id as string}`;
    await post('fact_checker', `${claim}/assignment`, { assignee: 'checker-wang' }).expect(200);
    return claim;
  }

  it('does not draft the same verdict twice', async () => {
    const claim = await assignedClaim(60);
    const draft = { 'Idempotency-Key': 'draft-1' };
    const drafted = await post('fact_checker', `${claim}/verdict`, verdictOf(), draft).expect(200);
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('fact_checker', `${claim}/verdict`, verdictOf(), draft).expect(200);
    expect(retried.body).toEqual(drafted.body);
    expect(await api.headPosition()).toBe(head);
    expect((await withKey('draft-1')).map((event) => event.type)).toEqual(['VerdictDrafted']);
  });

  it('answers a retry whose claim moved on since, although its If-Match is stale now', async () => {
    const claim = await assignedClaim(80);
    const draft = { 'Idempotency-Key': 'draft-2', 'If-Match': '"1"' };
    await post('fact_checker', `${claim}/verdict`, verdictOf(), draft).expect(200);
    await post('fact_checker', `${claim}/verdict/submit`).expect(200);
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('fact_checker', `${claim}/verdict`, verdictOf(), draft).expect(200);
    expect(retried.body).toMatchObject({ status: 'in_review', version: 3 });
    expect(await api.headPosition()).toBe(head);
    expect((await withKey('draft-2')).map((event) => event.type)).toEqual(['VerdictDrafted']);
  });

  it('answers a repeated import again instead of article_exists', async () => {
    const key = { 'Idempotency-Key': 'import-again' };
    const first = await post('editor', '/v1/articles', importOf000('crash-import'), key).expect(
      201,
    );
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('editor', '/v1/articles', importOf000('crash-import'), key).expect(
      201,
    );
    expect(retried.body.id).toBe(first.body.id);
    expect(await api.headPosition()).toBe(head);
  });

  it('answers a repeated import without URL or external id with the same article', async () => {
    const key = { 'Idempotency-Key': 'import-unsourced' };
    const body = importOf000('unsourced');
    const unsourced = { ...body, source: { ...body.source, url: null } };
    const first = await post('editor', '/v1/articles', unsourced, key).expect(201);
    await crashWindow();
    const head = await api.headPosition();

    const retried = await post('editor', '/v1/articles', unsourced, key).expect(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(await api.headPosition()).toBe(head);
    expect(await withKey('import-unsourced')).toHaveLength(1);
  });

  it('takes the same key with another body, once its answer is lost, as a new request', async () => {
    const path = `/v1/articles/${articleId}/claims`;
    const key = { 'Idempotency-Key': 'capture-reused' };
    const first = await post('editor', path, { selector: { start: 20, end: 30 } }, key).expect(201);
    await crashWindow();

    const other = await post('editor', path, { selector: { start: 40, end: 50 } }, key).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.body.anchor).toMatchObject({ start: 40, end: 50 });
    // The new answer is recorded: the first body is now the reused one.
    const reused = await post('editor', path, { selector: { start: 20, end: 30 } }, key).expect(
      422,
    );
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('appends a keyed capture once when two replicas run it at the same moment', async () => {
    // What two replicas sharing one log do with a retry that reached both: the same command,
    // named after the same key and body, run twice at once through the command bus.
    const ids = keyedRequestIds({
      sub: users.fact_checker.sub,
      method: 'POST',
      path: `/v1/articles/${articleId}/claims`,
      key: 'replicas',
      bodySha256: 'f'.repeat(64),
    });
    const run = (replica: string) =>
      api.app.get(CommandBus).execute<CaptureClaimCommand, CommandResult<Claim | null>>(
        new CaptureClaimCommand(
          {
            articleId,
            selector: { start: 100, end: 110 },
            statement: null,
            claimant: null,
            topics: [],
          },
          {
            actor: users.fact_checker,
            correlationId: replica,
            causationId: replica,
            idempotencyKey: 'replicas',
            eventIdFor: (index, streamId) => ids.eventId(streamId, index),
            aggregateIdFor: (purpose) => ids.aggregateId(purpose),
          },
        ),
      );
    const head = await api.headPosition();
    const [a, b] = await Promise.all([run('replica-a'), run('replica-b')]);

    expect(b.state?.claimId).toBe(a.state?.claimId);
    expect(b.events.map((event) => event.eventId)).toEqual(a.events.map((event) => event.eventId));
    expect(await api.headPosition()).toBe(head + 1);
    expect((await withKey('replicas')).map((event) => event.type)).toEqual(['ClaimCaptured']);
  });
});
