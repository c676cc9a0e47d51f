import request from 'supertest';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import {
  bearer,
  captureClaim,
  import002,
  NON_COAL_GROWTH,
  otherStandardsEditor,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING,
  publishVerdict,
  settled,
} from './support/desk';
import { expectRefused } from './support/refused';
import { type View, viewDesk } from './support/reading-views-desk';

/** The view replayed at a position or an instant (reading-views.e2e.spec.ts shows it live). */
describe('the annotated view', () => {
  const shared = viewDesk((env) => startAdminApi(env));
  const { view } = shared;
  let api: RunningAdminApi;
  beforeAll(() => ({ api } = shared));
  // Listing pages through two articles at least: when this was one file with the live view's
  // tests, their articles were the others.
  beforeAll(() => import002(api, 'replays-neighbour'));

  describe('replayed with at and asOf', () => {
    let articleId: string;
    const saved: Array<{ step: string; view: View; instant: string }> = [];

    beforeAll(async () => {
      const editor = await bearer(api, 'editor');
      const standards = `Bearer ${await api.tokenFor(otherStandardsEditor)}`;
      const save = async (step: string) => {
        await settled(api);
        const { body } = await view(articleId).expect(200);
        saved.push({ step, view: body as View, instant: new Date().toISOString() });
        await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const propose = (selector: object) =>
        request(api.url)
          .post(`/v1/articles/${articleId}/corrections`)
          .set('Authorization', editor)
          .send({ selector, kind: 'correction', replacement: '推動', notice: '更正：拼音殘留。' })
          .expect(201)
          .then((response) => response.body.id as string);

      articleId = await import002(api, 'replays');
      await save('imported');
      const claimId = await captureClaim(
        api,
        articleId,
        { exact: NON_COAL_GROWTH },
        '非煤工業增速10%',
      );
      await captureClaim(api, articleId, { exact: '陽泉的天更藍(lán)了' });
      await save('two claims captured');
      await publishVerdict(api, claimId, 'mostly_true');
      await save('a verdict published');
      const correction = await propose(PINYIN_IN_RECYCLING);
      await save('a correction proposed');
      await request(api.url)
        .post(`/v1/corrections/${correction}/approve`)
        .set('Authorization', standards)
        .expect(200);
      await save('the correction published as revision 2');
      const rejected = await propose(PINYIN_IN_COAL_POWER);
      await request(api.url)
        .post(`/v1/corrections/${rejected}/reject`)
        .set('Authorization', standards)
        .send({ reason: '保留原文以便比對' })
        .expect(200);
      await save('another correction rejected');
    });

    it('shows each step live', () => {
      expect(
        saved.map(({ step, view: v }) => [
          step,
          v.revision,
          v.annotations.length,
          v.notices.length,
        ]),
      ).toEqual([
        ['imported', 1, 0, 0],
        ['two claims captured', 1, 2, 0],
        ['a verdict published', 1, 2, 0],
        ['a correction proposed', 1, 3, 0],
        ['the correction published as revision 2', 2, 3, 1],
        ['another correction rejected', 2, 3, 1],
      ]);
    });

    it('replays every step exactly, at its position and as of its instant', async () => {
      for (const { step, view: live, instant } of saved) {
        const at = await view(articleId, `?at=${live.position}`).expect(200);
        expect({ step, view: at.body }).toEqual({ step, view: live });
        const asOf = await view(articleId, `?asOf=${encodeURIComponent(instant)}`).expect(200);
        expect({ step, view: asOf.body }).toEqual({ step, view: live });
      }
    });

    it('replays as HTML too, with the published rating’s label in the article’s language', async () => {
      const published = saved[2]!.view;
      const response = await view(articleId, `?at=${published.position}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(response.text).toContain('<html lang="zh-Hant">');
      expect(response.text).toContain('<strong class="rating">基本正確</strong>');
      expect(response.text).toMatch(
        /<a class="badge" [^>]*aria-label="評級：基本正確"[^>]*>基本正確<\/a>/,
      );
      expect(response.text).toContain(`data-position="${published.position}"`);
      expect(response.text).toContain(`回放：日誌位置 ${published.position} 時的狀態`);
      expect(response.text).not.toContain('class="notices"');
      const corrected = await view(articleId, `?at=${saved[4]!.view.position}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(corrected.text).toContain('<h2 id="notices">更正與說明</h2>');
      expect(corrected.text).toMatch(
        /第 2 版 · <time datetime="[^"]+Z">\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC<\/time>/,
      );
    });

    it('lists the article with its open claims, published verdicts and corrections', async () => {
      const editor = await bearer(api, 'auditor');
      const all = await request(api.url)
        .get('/v1/articles?limit=500')
        .set('Authorization', editor)
        .expect(200);
      const listed = (all.body as { items: Array<{ id: string }> }).items;
      expect(listed.find((a) => a.id === articleId)).toEqual({
        id: articleId,
        title: '陽泉專場新聞發布會 (推動高質量發展 深化全方位轉型 系列第二十五場)',
        language: 'zh-Hant',
        revision: 2,
        publishedAt: null,
        publisher: '陽泉日報',
        status: 'active',
        openClaims: 1,
        publishedVerdicts: 1,
        corrections: 1,
        version: 1,
      });
      const first = await request(api.url)
        .get('/v1/articles?limit=1')
        .set('Authorization', editor)
        .expect(200);
      expect(first.body.items).toHaveLength(1);
      const second = await request(api.url)
        .get(`/v1/articles?limit=1&cursor=${first.body.nextCursor}`)
        .set('Authorization', editor)
        .expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect(listed.map((a) => a.id)).toEqual(
        expect.arrayContaining([first.body.items[0].id, second.body.items[0].id]),
      );
    });

    it('answers 404 for a point of the log before the article existed', async () => {
      const before = saved[0]!.view.position - 1;
      await expectRefused(api, () => view(articleId, `?at=${before}`), 404, 'not_found');
      await expectRefused(
        api,
        () => view(articleId, '?asOf=2024-12-03T09:00:00%2B08:00'),
        404,
        'not_found',
      );
    });

    it('answers 400 for at and asOf together, or either malformed', async () => {
      const { instant, view: live } = saved[1]!;
      for (const query of [
        `?at=${live.position}&asOf=${encodeURIComponent(instant)}`,
        '?at=-1',
        '?at=latest',
        '?asOf=2024-12-03',
        '?asOf=yesterday',
        '?asOf=2024-13-45T10:00:00Z',
      ]) {
        await expectRefused(api, () => view(articleId, query), 400, 'validation_failed');
      }
    });

    it('answers 404 for an article that does not exist', async () => {
      for (const query of ['', '?at=1']) {
        await expectRefused(
          api,
          () => view('0190f5c2-0000-7000-8000-000000000000', query),
          404,
          'not_found',
        );
      }
    });
  });
});
