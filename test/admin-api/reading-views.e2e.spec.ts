import { DomUtils, parseDocument } from 'htmlparser2';
import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import {
  bearer,
  captureClaim,
  import002,
  importText,
  NON_COAL_GROWTH,
  otherStandardsEditor,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING,
  publishVerdict,
  settled,
} from './support/desk';
import { expectRefused } from './support/refused';

interface View {
  articleId: string;
  revision: number;
  text: string;
  position: number;
  annotations: Array<{
    id: string;
    type: string;
    status: string;
    statement?: string;
    anchor: {
      start: number;
      end: number;
      utf16Start: number;
      utf16End: number;
      exact: string;
    } | null;
  }>;
  segments: Array<{ start: number; end: number; annotationIds: string[] }>;
  notices: unknown[];
}

/** Outside the Basic Multilingual Plane: 𠀾 (CJK Extension B) and a construction worker emoji. */
const ASTRAL_TEXT =
  '《康熙字典》補遺收有「𠀾」字。陽泉礦區👷‍♂️工人說:「2023年全市原煤產量達到9500萬噸。」\n' +
  '頁面殘留的代碼:<script>alert("marginalia")</script> & <b>粗體</b>';
const OUTPUT = '2023年全市原煤產量達到9500萬噸';
const HOSTILE_STATEMENT = '陽泉原煤產量<img src=x onerror=alert(1)>';

describe('the annotated view', () => {
  let api: RunningAdminApi;
  let reader: string;

  beforeAll(async () => {
    api = await startAdminApi();
    reader = await bearer(api, 'fact_checker');
  });

  afterAll(() => api.stop());

  const view = (articleId: string, query = '') =>
    request(api.url).get(`/v1/articles/${articleId}/view${query}`).set('Authorization', reader);

  describe('as JSON and as HTML, for a text with characters outside the BMP and markup', () => {
    let articleId: string;
    let claimId: string;
    let correctionId: string;

    beforeAll(async () => {
      articleId = await importText(api, 'astral', ASTRAL_TEXT, '陽泉礦區 𠀾 👷‍♂️ <script>');
      claimId = await captureClaim(api, articleId, { exact: OUTPUT }, HOSTILE_STATEMENT);
      const proposed = await request(api.url)
        .post(`/v1/articles/${articleId}/corrections`)
        .set('Authorization', await bearer(api, 'editor'))
        .send({
          selector: { exact: '9500萬噸' },
          kind: 'update',
          replacement: '9,500萬噸',
          notice: '數字格式統一。',
        })
        .expect(201);
      correctionId = proposed.body.id;
      await settled(api);
    });

    it('gives code point and UTF-16 offsets that both select the quote', async () => {
      const { body } = (await view(articleId).expect(200)) as { body: View };
      const codePoints = Array.from(body.text);
      expect(body.text).toBe(ASTRAL_TEXT);
      expect(body.annotations.map((a) => [a.id, a.type, a.status])).toEqual([
        [claimId, 'claim', 'open'],
        [correctionId, 'correction', 'proposed'],
      ]);
      for (const { anchor } of body.annotations) {
        expect(codePoints.slice(anchor!.start, anchor!.end).join('')).toBe(anchor!.exact);
        expect(body.text.slice(anchor!.utf16Start, anchor!.utf16End)).toBe(anchor!.exact);
        // 𠀾 and 👷 each take two UTF-16 code units.
        expect(anchor!.utf16Start - anchor!.start).toBe(2);
      }
      const claim = body.annotations[0]!;
      expect(claim).toMatchObject({ statement: HOSTILE_STATEMENT, rating: null });
      expect(body.annotations[1]).toMatchObject({ kind: 'update', replacement: '9,500萬噸' });
    });

    it('partitions the whole text into consecutive segments naming the annotations over them', async () => {
      const { body } = (await view(articleId).expect(200)) as { body: View };
      const length = Array.from(body.text).length;
      expect(body.segments[0]!.start).toBe(0);
      expect(body.segments[body.segments.length - 1]!.end).toBe(length);
      body.segments.forEach((segment, i) => {
        expect(segment.end).toBeGreaterThan(segment.start);
        if (i > 0) expect(segment.start).toBe(body.segments[i - 1]!.end);
      });
      const [claim, correction] = body.annotations;
      const covering = (at: number) =>
        body.segments.find((s) => s.start <= at && at < s.end)!.annotationIds;
      expect(covering(claim!.anchor!.start)).toEqual([claim!.id]);
      expect(covering(correction!.anchor!.start)).toEqual([claim!.id, correction!.id]);
      expect(covering(0)).toEqual([]);
    });

    it('renders an HTML page where nothing of the text or the statements becomes markup', async () => {
      const response = await view(articleId).set('Accept', 'text/html').expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers.vary).toMatch(/Accept/);
      const policy = response.headers['content-security-policy']!;
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("style-src 'unsafe-inline'");
      expect(policy).not.toContain('script-src');

      const html = response.text;
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).not.toMatch(/<script|<img|<b>/i);
      const document = parseDocument(html);
      const elements = DomUtils.findAll(() => true, document.children).map((e) => e.name);
      const page = ['html', 'head', 'meta', 'title', 'style', 'body', 'article', 'h1', 'h2'];
      const allowed = [...page, 'section', 'ol', 'li', 'strong', 'small', 'span', 'div', 'mark'];
      expect(elements.filter((name) => !allowed.includes(name))).toEqual([]);
      const [text] = DomUtils.findAll((e) => e.attribs.class === 'text', document.children);
      expect(DomUtils.textContent(text!)).toBe(ASTRAL_TEXT);
      const marks = DomUtils.getElementsByTagName('mark', document);
      expect(marks.map((m) => m.attribs['data-annotation-ids'])).toEqual([
        claimId,
        `${claimId} ${correctionId}`,
      ]);
      const item = DomUtils.getElementById(`annotation-${claimId}`, document)!;
      expect(DomUtils.textContent(item)).toContain(HOSTILE_STATEMENT);
      expect(DomUtils.textContent(DomUtils.getElementsByTagName('title', document)[0]!)).toContain(
        '<script>',
      );
    });

    it('answers JSON to clients that accept anything', async () => {
      const response = await view(articleId).set('Accept', '*/*').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });
  });

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

    it('replays as HTML too, with the published rating’s label', async () => {
      const published = saved[2]!.view;
      const response = await view(articleId, `?at=${published.position}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(response.text).toContain('<strong class="rating">Mostly true</strong>');
      expect(response.text).toContain(`data-position="${published.position}"`);
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
