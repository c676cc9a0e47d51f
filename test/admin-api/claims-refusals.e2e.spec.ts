import request from 'supertest';
import { type Role } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { COAL_CLAIM, importArticle } from './support/article-requests';
import { Newsroom, verdictOf } from './support/claim-requests';

// The emoji is woman + skin tone + ZWJ + laptop: one grapheme cluster of four code points; 𠀾
// lies outside the BMP, so code points and UTF-16 offsets differ after it.
const EMOJI_TEXT = '𠀾先生说：“👩🏽‍💻 陽泉的天更藍了。”\n\n陽泉的天更藍了，再說一遍。';

describe('claim and verdict requests the API refuses', () => {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;
  let emojiArticleId: string;

  beforeAll(async () => {
    api = await startAdminApi();
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'claims-refusals'));
    const imported = await desk
      .post('editor', '/v1/articles', {
        title: '𠀾先生谈陽泉',
        language: 'zh-Hant',
        format: 'text',
        content: EMOJI_TEXT,
        source: { url: 'https://example.org/news/yangquan', publisher: null, publishedAt: null },
      })
      .expect(201);
    emojiArticleId = imported.body.id;
  });

  afterAll(() => api.stop());

  describe('roles (403 forbidden, before the body is read)', () => {
    const claimPaths = (id: string) => ({
      capture: {
        method: 'post',
        path: `/v1/articles/${articleId}/claims`,
        body: { selector: { exact: COAL_CLAIM } },
      },
      edit: { method: 'patch', path: `/v1/claims/${id}`, body: { statement: '改写' } },
      assign: {
        method: 'post',
        path: `/v1/claims/${id}/assignment`,
        body: { assignee: 'checker-wang' },
      },
      withdraw: { method: 'post', path: `/v1/claims/${id}/withdrawal`, body: { reason: '重复' } },
      draft: { method: 'post', path: `/v1/claims/${id}/verdict`, body: verdictOf() },
      submit: { method: 'post', path: `/v1/claims/${id}/verdict/submit` },
      approve: { method: 'post', path: `/v1/claims/${id}/verdict/approve` },
      reject: { method: 'post', path: `/v1/claims/${id}/verdict/reject`, body: { reason: '不足' } },
      retract: {
        method: 'post',
        path: `/v1/claims/${id}/verdict/retract`,
        body: { reason: '修订' },
      },
    });
    type Mutation = keyof ReturnType<typeof claimPaths>;

    const refusals: Array<[Mutation, Role[]]> = [
      ['capture', ['auditor', 'admin']],
      ['edit', ['auditor', 'admin']],
      ['assign', ['auditor', 'admin']],
      ['withdraw', ['fact_checker', 'auditor', 'admin']],
      ['draft', ['editor', 'auditor', 'admin']],
      ['submit', ['editor', 'auditor', 'admin']],
      ['approve', ['editor', 'fact_checker', 'auditor', 'admin']],
      ['reject', ['editor', 'fact_checker', 'auditor', 'admin']],
      ['retract', ['editor', 'fact_checker', 'auditor', 'admin']],
    ];

    it.each(refusals)('refuses %s to %p', async (mutation, roles) => {
      const id = await desk.claimInReview(articleId);
      const { method, path, body } = claimPaths(id)[mutation] as {
        method: 'post' | 'patch';
        path: string;
        body?: object;
      };
      for (const role of roles) {
        const response = await desk.refused(
          () => {
            const call = request(api.url)[method](path).set('Authorization', desk.auth(role));
            return (method === 'patch' ? call.set('If-Match', '"4"') : call).send(body);
          },
          403,
          'forbidden',
        );
        expect(response.body.detail).toEqual(expect.any(String));
      }
    });

    it('lets a fact-checker take an unassigned claim, not assign someone else (403)', async () => {
      const { id } = await desk.capture(articleId);
      await desk.refused(
        () =>
          desk.post('fact_checker', `/v1/claims/${id}/assignment`, { assignee: 'checker-zhao' }),
        403,
        'forbidden',
      );
      const taken = await desk.step('fact_checker', `/v1/claims/${id}/assignment`, {
        assignee: users.fact_checker.sub,
      });
      expect(taken.assignee).toBe('checker-wang');
      const other = `Bearer ${await api.tokenFor({ sub: 'checker-zhao', roles: ['fact_checker'] })}`;
      await desk.refused(
        () =>
          desk
            .post('fact_checker', `/v1/claims/${id}/assignment`, { assignee: 'checker-zhao' })
            .set('Authorization', other),
        403,
        'forbidden',
      );
      const reassigned = await desk.step('editor', `/v1/claims/${id}/assignment`, {
        assignee: 'checker-zhao',
      });
      expect(reassigned.assignee).toBe('checker-zhao');
    });
  });

  describe('spans (422, in the order of SPEC §8)', () => {
    const capture =
      (body: object, on = articleId) =>
      () =>
        desk.post('editor', `/v1/articles/${on}/claims`, body);

    it('answers quote_ambiguous for a quote repeated with no context to choose', async () => {
      await desk.refused(capture({ selector: { exact: '煤炭' } }), 422, 'quote_ambiguous');
    });

    it.each([
      ['quote_not_found', { exact: '去年煤炭产量达到14亿吨' }],
      ['quote_mismatch', { start: 1774, end: 1789, exact: '去年煤炭产量达到13.79亿吨' }],
      ['empty_span', { start: 1789, end: 1789 }],
      ['span_out_of_range', { start: 4000, end: 99999 }],
    ])('answers %s', async (code, selector) => {
      await desk.refused(capture({ selector }), 422, code);
    });

    it('answers span_splits_grapheme for a boundary inside an emoji ZWJ sequence', async () => {
      const start = [...EMOJI_TEXT].indexOf('👩');
      await desk.refused(
        capture({ selector: { start, end: start + 2 } }, emojiArticleId),
        422,
        'span_splits_grapheme',
      );
      const whole = await desk.capture(
        emojiArticleId,
        { selector: { start, end: start + 4 } },
        'editor',
      );
      expect(whole.anchor).toMatchObject({
        exact: '👩🏽‍💻',
        start: 6,
        end: 10,
        utf16Start: 7,
        utf16End: 14,
      });
    });

    it('answers revision_not_found for a revision the article does not have', async () => {
      await desk.refused(
        capture({ revision: 9, selector: { exact: COAL_CLAIM } }),
        422,
        'revision_not_found',
      );
    });

    it('answers invalid_unicode for a lone surrogate, before revision_not_found', async () => {
      const raw = (body: string) => () =>
        desk
          .post('editor', `/v1/articles/${articleId}/claims`)
          .set('Content-Type', 'application/json')
          .send(body);
      const response = await desk.refused(
        raw('{"revision": 9, "selector": {"exact": "\\ud800煤炭"}}'),
        422,
        'invalid_unicode',
      );
      expect(response.body.errors).toEqual([
        { field: 'selector.exact', message: 'contains a lone surrogate' },
      ]);
      await desk.refused(
        raw('{"selector": {"start": -1, "end": 3, "exact": "\\ud800"}}'),
        400,
        'validation_failed',
      );
    });
  });
});
