import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { type Callers, settled, verdictBody } from './support/newsroom-fixture';
import { call, problemCodeOf } from './support/openapi';
import {
  articleText,
  CSV,
  formulaEditor,
  HTML,
  newsroomOfPayloads,
  PAYLOADS,
  REIMPORT_REASON,
  SQL,
} from './support/injection-newsroom';

/*
 * Payloads of SQL, HTML and CSV injection in every free-text field come back as data; the
 * HTML view and the CSV exports are in injection-views.e2e.spec.ts.
 */
describe('injection through every free-text field', () => {
  const newsroom = newsroomOfPayloads((env) => startAdminApi(env));
  let api: RunningAdminApi;
  let callers: Callers;
  let articleId: string;
  let claimIds: string[];
  let publishedCorrectionId: string;
  const { content } = articleText();
  beforeAll(() => ({ api, callers, articleId, claimIds, publishedCorrectionId } = newsroom));

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
