import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { COAL_CLAIM, importArticle } from './support/article-requests';
import { type ClaimBody, coalCapture, Newsroom, verdictOf } from './support/claim-requests';

describe('claims under concurrency, retries and lists', () => {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    api = await startAdminApi();
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'claims-concurrency'));
  });

  afterAll(() => api.stop());

  const eventTypes = async (id: string) =>
    (await api.app.get<EventStore>(EVENT_STORE).readStream(`claim-${id}`)).map(
      (event) => event.type,
    );

  describe('If-Match', () => {
    it('answers 412 version_mismatch for a stale If-Match on a PATCH and on a POST', async () => {
      const { id } = await desk.capture(articleId);
      await desk.step('editor', `/v1/claims/${id}/assignment`, { assignee: 'checker-wang' });
      const response = await desk.refused(
        () => desk.patch('editor', `/v1/claims/${id}`, { statement: '改写' }, 0),
        412,
        'version_mismatch',
      );
      expect(response.body).toMatchObject({ expectedVersion: 0, currentVersion: 1 });
      await desk.refused(
        () =>
          desk.post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf()).set('If-Match', '"0"'),
        412,
        'version_mismatch',
      );
      const current = await desk
        .post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf())
        .set('If-Match', '"1"')
        .expect(200);
      expect(current.body.version).toBe(2);
    });

    it('answers 428 precondition_required for a PATCH without If-Match', async () => {
      const { id } = await desk.capture(articleId);
      await desk.refused(
        () =>
          request(api.url)
            .patch(`/v1/claims/${id}`)
            .set('Authorization', desk.auth('editor'))
            .send({ statement: '改写' }),
        428,
        'precondition_required',
      );
    });

    it('lets exactly one of twenty concurrent PATCHes with the same If-Match win', async () => {
      const { id, version } = await desk.capture(articleId);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          desk.patch('editor', `/v1/claims/${id}`, { statement: `说法第${n + 1}稿` }, version),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(19).fill(412)]);
      for (const lost of responses.filter((response) => response.status === 412)) {
        expect(lost.body.code).toBe('version_mismatch');
      }
      const won = responses.find((response) => response.status === 200)!;
      expect((await eventTypes(id)).filter((type) => type === 'ClaimEdited')).toHaveLength(1);
      const shown = await desk.get('auditor', `/v1/claims/${id}`).expect(200);
      expect(shown.body).toEqual(won.body);
      expect(shown.body.version).toBe(version + 1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retried capture with the first response and appends nothing', async () => {
      const capture = () =>
        desk
          .post('fact_checker', `/v1/articles/${articleId}/claims`, coalCapture)
          .set('Idempotency-Key', 'capture-coal-1');
      const first = await capture().expect(201);
      const head = await api.headPosition();
      const again = await capture().expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await api.headPosition()).toBe(head);
    });

    it('answers a retried verdict step again; the same key with another body is 422', async () => {
      const { id } = await desk.capture(articleId);
      const draft = (rating: string) =>
        desk
          .post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf(rating))
          .set('Idempotency-Key', 'draft-coal-1');
      const first = await draft('true').expect(200);
      const head = await api.headPosition();
      const again = await draft('true').expect(200);
      expect(again.body).toEqual(first.body);
      expect(await api.headPosition()).toBe(head);
      await desk.refused(() => draft('false'), 422, 'idempotency_key_reused');
      expect((await eventTypes(id)).filter((type) => type === 'VerdictDrafted')).toHaveLength(1);
    });
  });

  describe('GET /v1/claims', () => {
    let listed: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ({ id: listed } = await importArticle(api, 'claims-list'));
      const capture = async (name: string, exact: string, statement?: string) => {
        const claim = await desk.capture(listed, {
          selector: { exact },
          ...(statement ? { statement } : {}),
        });
        ids[name] = claim.id;
      };
      await capture('coal', COAL_CLAIM, '山西去年煤炭产量13.78亿吨');
      await capture('power', '发电量4376亿千瓦时');
      await capture('gas', '非常规天然气产量145.9亿立方米');
      await capture('withdrawn', '去年煤炭产量达到13.78亿吨,发电量4376亿千瓦时');
      ids.published = await desk.publishedClaim(listed, 'true');
      await desk.step('fact_checker', `/v1/claims/${ids.power}/assignment`, {
        assignee: 'checker-wang',
      });
      await desk.step('editor', `/v1/claims/${ids.withdrawn}/withdrawal`, { reason: '重复' });
    });

    const list = async (query: string) => {
      const response = await desk.get('auditor', `/v1/claims?articleId=${listed}&${query}`);
      expect(response.status).toBe(200);
      return response.body as { items: ClaimBody[]; nextCursor: string | null };
    };
    const named = (items: ClaimBody[]) =>
      items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

    it('lists an article’s claims in order of capture, paged by an opaque cursor', async () => {
      const first = await list('limit=2');
      expect(named(first.items)).toEqual(['coal', 'power']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list(`limit=2&cursor=${first.nextCursor}`);
      expect(named(second.items)).toEqual(['gas', 'withdrawn']);
      const third = await list(`limit=2&cursor=${second.nextCursor}`);
      expect(named(third.items)).toEqual(['published']);
      expect(third.nextCursor).toBeNull();
      expect(first.items[0]).toEqual(
        (await desk.get('editor', `/v1/claims/${ids.coal}`).expect(200)).body,
      );
    });

    it('filters by status, assignee, rating and text', async () => {
      expect(named((await list('status=withdrawn')).items)).toEqual(['withdrawn']);
      expect(named((await list('status=open')).items)).toEqual(['coal', 'gas']);
      expect(named((await list('assignee=checker-wang')).items)).toEqual(['power', 'published']);
      expect(named((await list('rating=true')).items)).toEqual(['published']);
      expect(named((await list('rating=false')).items)).toEqual([]);
      expect(named((await list(`q=${encodeURIComponent('天然气')}`)).items)).toEqual(['gas']);
      expect(named((await list(`q=${encodeURIComponent('山西去年')}`)).items)).toEqual(['coal']);
    });

    it('answers 400 validation_failed for a bad limit, cursor, filter or an unknown parameter', async () => {
      for (const query of [
        'limit=0',
        'limit=501',
        'limit=ten',
        'cursor=not-ours',
        'status=closed',
        'rating=pants_on_fire',
        'articleId=000',
        'sort=created',
      ]) {
        await desk.refused(
          () => desk.get('editor', `/v1/claims?${query}`),
          400,
          'validation_failed',
        );
      }
    });

    it('pages 50 items by default, and up to 500 with limit', async () => {
      const { id: busy } = await importArticle(api, 'claims-many');
      for (let start = 0; start < 51; start += 1) {
        await desk.capture(busy, { selector: { start, end: start + 1 } });
      }
      const page = await desk.get('editor', `/v1/claims?articleId=${busy}`).expect(200);
      expect(page.body.items).toHaveLength(50);
      expect(page.body.nextCursor).toEqual(expect.any(String));
      const all = await desk.get('editor', `/v1/claims?articleId=${busy}&limit=500`).expect(200);
      expect(all.body.items).toHaveLength(51);
      expect(all.body.nextCursor).toBeNull();
    });
  });
});
