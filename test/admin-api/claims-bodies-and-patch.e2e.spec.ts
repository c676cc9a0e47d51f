import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { COAL_CLAIM, importArticle } from './support/article-requests';
import { Newsroom, statisticsBulletin, verdictOf } from './support/claim-requests';

describe('claim and verdict bodies, and PATCH /v1/claims/{id}', () => {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    api = await startAdminApi();
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'claims-bodies'));
  });

  afterAll(() => api.stop());

  describe('bodies (400 validation_failed, naming the field)', () => {
    const fields = async (send: () => Promise<request.Response>) => {
      const response = await desk.refused(send, 400, 'validation_failed');
      return (response.body.errors as Array<{ field: string }>).map((error) => error.field).sort();
    };
    const capture = (body: object) => () =>
      desk.post('fact_checker', `/v1/articles/${articleId}/claims`, body);

    it('refuses unknown fields at any depth', async () => {
      expect(
        await fields(capture({ selector: { exact: COAL_CLAIM, type: 'TextQuoteSelector' } })),
      ).toEqual(['selector.type']);
      const { id } = await desk.capture(articleId);
      expect(
        await fields(() =>
          desk.post('fact_checker', `/v1/claims/${id}/verdict`, {
            ...verdictOf(),
            sources: [{ ...statisticsBulletin, publisher: '山西省统计局' }],
          }),
        ),
      ).toEqual(['sources[0].publisher']);
    });

    it.each([
      [{ start: -1, end: 5 }, ['selector.start']],
      [{ start: 1.5, end: 5 }, ['selector.start']],
      [{ start: '1774', end: 1789 }, ['selector.start']],
      [{ start: 1774 }, ['selector.end']],
      [{ prefix: '供应。' }, ['selector.exact']],
    ])('refuses the selector %p', async (selector, expected) => {
      expect(await fields(capture({ selector }))).toEqual(expected);
    });

    it('refuses a capture without a selector, and a revision below 1', async () => {
      expect(await fields(capture({ statement: '煤炭产量' }))).toEqual(['selector']);
      expect(await fields(capture({ revision: 0, selector: { exact: COAL_CLAIM } }))).toEqual([
        'revision',
      ]);
    });

    it('refuses a verdict off the scale, too long, or with bad sources', async () => {
      const { id } = await desk.capture(articleId);
      const draft = (body: object) => () =>
        desk.post('fact_checker', `/v1/claims/${id}/verdict`, { ...verdictOf(), ...body });
      expect(await fields(draft({ rating: 'pants_on_fire' }))).toEqual(['rating']);
      expect(await fields(draft({ summary: '𠀾'.repeat(281) }))).toEqual(['summary']);
      expect(await fields(draft({ summary: '   ' }))).toEqual(['summary']);
      expect(
        await fields(
          draft({
            sources: [
              { ...statisticsBulletin, url: 'ftp://tjj.shanxi.gov.cn/' },
              { ...statisticsBulletin, accessedAt: '去年' },
            ],
          }),
        ),
      ).toEqual(['sources[0].url', 'sources[1].accessedAt']);
      expect(await fields(draft({ sources: undefined }))).toEqual(['sources']);
      const longest = await desk.step('fact_checker', `/v1/claims/${id}/verdict`, {
        ...verdictOf(),
        summary: '𠀾'.repeat(280),
      });
      expect(longest.draft).toMatchObject({ summary: '𠀾'.repeat(280) });
    });

    it('refuses a blank reason and an assignee that is not a user id', async () => {
      const { id } = await desk.capture(articleId);
      expect(
        await fields(() => desk.post('editor', `/v1/claims/${id}/withdrawal`, { reason: ' ' })),
      ).toEqual(['reason']);
      expect(
        await fields(() => desk.post('editor', `/v1/claims/${id}/assignment`, { assignee: '' })),
      ).toEqual(['assignee']);
    });
  });

  describe('PATCH /v1/claims/{id}', () => {
    it('edits the statement, claimant and topics; merge-patch null removes the claimant', async () => {
      const { id, version } = await desk.capture(articleId);
      const edited = await desk
        .patch('editor', `/v1/claims/${id}`, { statement: '山西去年煤炭产量13.78亿吨' }, version)
        .expect(200);
      expect(edited.body).toMatchObject({ statement: '山西去年煤炭产量13.78亿吨', version: 1 });
      expect(edited.headers.etag).toBe('"1"');
      const cleared = await request(api.url)
        .patch(`/v1/claims/${id}`)
        .set('Authorization', desk.auth('fact_checker'))
        .set('If-Match', '"1"')
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ claimant: null, topics: ['能源'] }))
        .expect(200);
      expect(cleared.body).toMatchObject({ claimant: null, topics: ['能源'], version: 2 });
    });

    it('re-anchors by hand with a selector: AnnotationReanchored, method manual', async () => {
      const { id, version } = await desk.capture(articleId);
      const moved = await desk
        .patch(
          'fact_checker',
          `/v1/claims/${id}`,
          { selector: { exact: '发电量4376亿千瓦时' }, revision: 1 },
          version,
        )
        .expect(200);
      expect(moved.body.anchor).toMatchObject({ revision: 1, exact: '发电量4376亿千瓦时' });
      const history = await api.app.get<EventStore>(EVENT_STORE).readStream(`claim-${id}`);
      expect(history.at(-1)).toMatchObject({
        type: 'AnnotationReanchored',
        data: { method: 'manual' },
      });
    });

    it('refuses a selector mixed with statement, claimant or topics: 400 naming selector', async () => {
      const { id, version } = await desk.capture(articleId);
      const response = await desk.refused(
        () =>
          desk.patch(
            'editor',
            `/v1/claims/${id}`,
            { statement: '改写', selector: { exact: COAL_CLAIM } },
            version,
          ),
        400,
        'validation_failed',
      );
      expect(response.body.errors).toEqual([
        { field: 'selector', message: expect.stringContaining('cannot be combined') },
      ]);
    });

    it('refuses a revision without a selector, an empty PATCH, and a null statement', async () => {
      const { id, version } = await desk.capture(articleId);
      for (const body of [{ revision: 1 }, {}, { statement: null }]) {
        await desk.refused(
          () => desk.patch('editor', `/v1/claims/${id}`, body, version),
          400,
          'validation_failed',
        );
      }
    });
  });
});
