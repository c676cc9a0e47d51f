import { DomUtils, parseDocument } from 'htmlparser2';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { parseCsv } from '../support/csv';
import { type Callers } from './support/newsroom-fixture';
import { call } from './support/openapi';
import {
  CSV,
  FORMULA_START,
  formulaEditor,
  HTML,
  newsroomOfPayloads,
  PAYLOADS,
  REIMPORT_REASON,
  SQL,
} from './support/injection-newsroom';

/** The HTML view and the CSV exports of a newsroom full of payloads (injection.e2e.spec.ts). */
describe('injection through every free-text field', () => {
  const newsroom = newsroomOfPayloads((env) => startAdminApi(env));
  let api: RunningAdminApi;
  let callers: Callers;
  let articleId: string;
  let claimIds: string[];
  let publishedCorrectionId: string;
  beforeAll(() => ({ api, callers, articleId, claimIds, publishedCorrectionId } = newsroom));

  const get = <T = Record<string, unknown>>(path: string) => callers.ok<T>('auditor', 'GET', path);

  describe('HTML: the view shows payloads as text, never as markup', () => {
    /** The elements and attributes a page of the renderer may have; anything else came from input. */
    const RENDERED_TAGS = new Set([
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'article',
      'h1',
      'h2',
      'section',
      'ol',
      'li',
      'strong',
      'small',
      'div',
      'mark',
      'span',
      'header',
      'p',
      'bdi',
      'time',
      'a',
    ]);
    /** The renderer's only links: a rating to its claim's entry on the same page. */
    const OWN_LINK = /^#annotation-[0-9a-f-]{36}$/;

    async function checkPage(path: string, expectedText: string[]) {
      const answer = await call(`${api.url}${path}`, {
        method: 'GET',
        headers: { Authorization: callers.bearer('auditor'), Accept: 'text/html' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      const page = parseDocument(answer.text);
      const elements = DomUtils.findAll(() => true, page.children);
      const tags = new Set(elements.map((element) => element.name));
      expect([...tags].filter((tag) => !RENDERED_TAGS.has(tag))).toEqual([]);
      // One stylesheet, the renderer's own, before any input.
      expect(elements.filter((element) => element.name === 'style')).toHaveLength(1);
      for (const element of elements) {
        for (const [name, value] of Object.entries(element.attribs)) {
          expect({ tag: element.name, name }).not.toEqual({
            tag: element.name,
            name: expect.stringMatching(/^on/i),
          });
          if (element.name === 'a' && name === 'href') expect(value).toMatch(OWN_LINK);
          else expect(['href', 'src', 'srcdoc', 'action', 'formaction']).not.toContain(name);
          expect(value).not.toMatch(/^\s*javascript:/i);
        }
      }
      const text = DomUtils.textContent(page);
      for (const payload of expectedText) expect(text).toContain(payload);
      return answer.text;
    }

    it('in the live view: title, text, statements, ratings, replacement and notices', async () => {
      const page = await checkPage(`/v1/articles/${articleId}/view`, [
        `${HTML[0]}${SQL[0]}${CSV[0]}`,
        ...HTML,
        `${HTML[4]}${CSV[0]}`,
        CSV[1]!,
      ]);
      // The published rating is at its claim, linked to it: the link the check above allows.
      expect(page).toMatch(/<a class="badge" href="#annotation-[0-9a-f-]{36}"/);
    });

    it('in a replayed view of the first revision', async () => {
      const history = await get<{ items: Array<{ type: string; position: number }> }>(
        `/v1/articles/${articleId}/history?type=ArticleRevised`,
      );
      const firstRevision = history.items[0]!.position;
      const page = await checkPage(`/v1/articles/${articleId}/view?at=${firstRevision - 1}`, [
        ...HTML,
      ]);
      expect(page).toContain('data-revision="1"');
    });
  });

  describe('CSV: the exports cannot run a formula in a spreadsheet', () => {
    async function exported(path: string): Promise<string[][]> {
      const answer = await call(`${api.url}${path}?format=csv`, {
        method: 'GET',
        headers: { Authorization: callers.bearer('auditor') },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      return parseCsv(answer.text);
    }

    function checkCells(rows: string[][]) {
      expect(rows[0]).toEqual([
        'position',
        'recordedAt',
        'streamId',
        'revision',
        'type',
        'actor',
        'reason',
        'correlationId',
        'causationId',
        'data',
      ]);
      for (const row of rows) {
        expect(row).toHaveLength(10);
        for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
      }
    }

    it('prefixes every cell that starts a formula with a quote, in every history', async () => {
      const rows = await exported(`/v1/articles/${articleId}/history`);
      checkCells(rows);
      expect(rows.length).toBeGreaterThan(PAYLOADS.length);
      const reasons = rows.slice(1).map((row) => row[6]);
      for (const reason of [CSV[0], CSV[1], CSV[2], CSV[3], CSV[5], REIMPORT_REASON]) {
        expect(reasons).toContain(`'${reason}`);
      }
      const actors = rows.slice(1).map((row) => row[5]);
      expect(actors).toContain(`'${formulaEditor.sub}`);
      // The data cell is the event's JSON, whole: the payloads inside it survive unchanged.
      const captured = rows.filter((row) => row[4] === 'ClaimCaptured');
      expect(captured).toHaveLength(PAYLOADS.length);
      for (const [index, row] of captured.entries()) {
        expect(JSON.parse(row[9]!)).toMatchObject({ statement: PAYLOADS[index] });
      }
      checkCells(await exported(`/v1/claims/${claimIds[0]}/history`));
      checkCells(await exported(`/v1/corrections/${publishedCorrectionId}/history`));
    });
  });
});
