import { DomUtils, parseDocument } from 'htmlparser2';
import request from 'supertest';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { bearer, captureClaim, importText, settled } from './support/desk';
import {
  ASTRAL_TEXT,
  HOSTILE_STATEMENT,
  OUTPUT,
  type View,
  viewDesk,
} from './support/reading-views-desk';

/*
 * The view as JSON and as HTML; replaying it at a position or an instant is in
 * reading-views-replays.e2e.spec.ts.
 */
describe('the annotated view', () => {
  const shared = viewDesk((env) => startAdminApi(env));
  const { view } = shared;
  let api: RunningAdminApi;
  beforeAll(() => ({ api } = shared));

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
      const page = ['html', 'head', 'meta', 'title', 'style', 'body', 'article', 'header', 'h1'];
      const parts = ['p', 'h2', 'section', 'ol', 'li', 'strong', 'small', 'span', 'bdi', 'div'];
      const allowed = [...page, ...parts, 'mark', 'a', 'time'];
      expect(elements.filter((name) => !allowed.includes(name))).toEqual([]);
      const [text] = DomUtils.findAll((e) => e.attribs.class === 'text', document.children);
      // No verdict is published yet, so no rating follows the claim's text.
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

    it('speaks the article’s language, and has no notices heading before a notice', async () => {
      const { text: html } = await view(articleId).set('Accept', 'text/html').expect(200);
      const document = parseDocument(html);
      expect(DomUtils.getElementsByTagName('html', document)[0]!.attribs.lang).toBe('zh-Hant');
      const headings = DomUtils.getElementsByTagName('h2', document).map(DomUtils.textContent);
      expect(headings).toEqual(['核查的說法與更正']);
      const item = DomUtils.getElementById(`annotation-${correctionId}`, document)!;
      expect(DomUtils.textContent(item)).toBe('更新 改為 “9,500萬噸” （已提出；“9500萬噸”）');
      const [meta] = DomUtils.findAll((e) => e.attribs.class === 'meta', document.children);
      expect(DomUtils.textContent(meta!)).toBe('第 1 版 · 陽泉日報');
    });

    it('answers JSON to clients that accept anything', async () => {
      const response = await view(articleId).set('Accept', '*/*').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });
  });
});
