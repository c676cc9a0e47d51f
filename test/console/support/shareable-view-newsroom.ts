/**
 * What the shareable view's browser test publishes before it looks: claims with and without a
 * published verdict, overlapping, a published correction and an editor's note, on corpus
 * article 000 (Simplified Chinese) and on an English article it imports. All through the API,
 * as a newsroom's desk would, with the four-eyes rule kept (the reviewer is not the author).
 */
import { apiCall } from './api-client';
import { type ConsoleServer } from './console-server';

export const TITLE_000 = '7个关键词,来看山西代表团媒体开放日';
/** A statement made of what breaks careless HTML: markup, quotes, ampersands, an RTL override. */
export const HOSTILE_STATEMENT = `<script>alert("x")</script> 'quoted' & "境外" \u202Eevil`;

export const ENGLISH_TEXT = [
  'Seven keywords from the Shanxi delegation’s open day',
  '',
  'On the afternoon of 6 March, the Shanxi delegation to the second session of the 14th National People’s Congress held a plenary meeting at its residence and opened it to the press. Twenty-one media outlets from China and abroad sent 44 reporters.',
  '',
  'Governor Jin Xiangjun said that coal output reached 1.378 billion tonnes last year, that power generation was 437.6 billion kilowatt-hours, and that unconventional natural gas output was 14.59 billion cubic metres.',
  '',
  'The province will keep both energy supply and its green, low-carbon transition in step, he said.',
  '',
].join('\n');

export interface PublishedArticle {
  articleId: string;
  /** The claim whose verdict is published, its quote, and its rating's label on the page. */
  rated: { id: string; exact: string };
  /** A claim inside the rated one, with no verdict yet. */
  open: { id: string; exact: string };
}

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export async function newsroomOf(server: ConsoleServer) {
  const as = async (sub: string, roles: string[]): Promise<Call> => {
    const token = await server.token({ sub, roles } as never);
    return <T>(method: string, path: string, body?: unknown) =>
      apiCall<T>(server, token, method, path, body);
  };
  const editor = await as('editor-wang', ['editor']);
  const checker = await as('checker-li', ['fact_checker']);
  const standards = await as('standards-zhao', ['standards_editor']);
  const auditor = await as('auditor-chen', ['auditor']);

  async function capture(articleId: string, exact: string, statement: string) {
    const claim = await checker<{ id: string }>('POST', `/v1/articles/${articleId}/claims`, {
      selector: { exact },
      statement,
      claimant: '金湘军',
    });
    return claim.id;
  }

  async function publishVerdict(claimId: string, rating: string, summary: string) {
    await checker('POST', `/v1/claims/${claimId}/assignment`, { assignee: 'checker-li' });
    await checker('POST', `/v1/claims/${claimId}/verdict`, {
      rating,
      summary,
      sources: [
        {
          url: 'https://tjj.shanxi.gov.cn/',
          title: '山西省2023年国民经济和社会发展统计公报',
          accessedAt: '2024-03-09',
        },
      ],
    });
    await checker('POST', `/v1/claims/${claimId}/verdict/submit`);
    await standards('POST', `/v1/claims/${claimId}/verdict/approve`);
  }

  async function publishCorrection(articleId: string, body: object) {
    const { id } = await editor<{ id: string }>(
      'POST',
      `/v1/articles/${articleId}/corrections`,
      body,
    );
    await standards('POST', `/v1/corrections/${id}/approve`);
    return id;
  }

  /** Waits until the view shows `notices` notices and the rated claim's rating. */
  async function settled(articleId: string, notices: number) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const view = await auditor<{
        notices: unknown[];
        annotations: Array<{ rating?: string | null }>;
      }>('GET', `/v1/articles/${articleId}/view`);
      if (view.notices.length === notices && view.annotations.some((a) => a.rating)) return;
      if (Date.now() > deadline) throw new Error(`the view of ${articleId} did not settle`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Corpus article 000: a rated claim with an open one inside it, and two notices. */
  async function chinese(): Promise<PublishedArticle> {
    const list = await auditor<{ items: Array<{ id: string; title: string }> }>(
      'GET',
      '/v1/articles?limit=500',
    );
    const articleId = list.items.find((a) => a.title === TITLE_000)!.id;
    const rated = { exact: '吸引来境内外的21家媒体44名记者', id: '' };
    rated.id = await capture(articleId, rated.exact, '境内外21家媒体的44名记者参加了开放日');
    const open = { exact: '境内外的21家媒体', id: '' };
    open.id = await capture(articleId, open.exact, HOSTILE_STATEMENT);
    await publishVerdict(
      rated.id,
      'mostly_true',
      '采访名单显示到场记者为44名，媒体数以主办方统计为准。',
    );
    await publishCorrection(articleId, {
      selector: { exact: '预算报告和草案' },
      kind: 'correction',
      replacement: '预算报告和预算草案',
      notice: '补全“预算草案”的表述。',
    });
    await publishCorrection(articleId, {
      kind: 'editors_note',
      notice: '本文问答经整理，图片从略。',
    });
    await settled(articleId, 2);
    return { articleId, rated, open };
  }

  /** An English article imported by the editor, with the same story in short. */
  async function english(): Promise<PublishedArticle> {
    const { id: articleId } = await editor<{ id: string }>('POST', '/v1/articles', {
      title: 'Seven keywords from the Shanxi delegation’s open day',
      language: 'en',
      format: 'text',
      content: ENGLISH_TEXT,
      source: {
        url: 'https://news.example/2024/03/08/shanxi-open-day',
        publisher: 'Shanxi Daily (English desk)',
        publishedAt: '2024-03-08T10:29:15+08:00',
      },
    });
    const rated = { exact: 'coal output reached 1.378 billion tonnes last year', id: '' };
    rated.id = await capture(
      articleId,
      rated.exact,
      'Shanxi mined 1.378 billion tonnes of coal in 2023',
    );
    const open = { exact: '1.378 billion tonnes', id: '' };
    open.id = await capture(articleId, open.exact, HOSTILE_STATEMENT);
    await publishVerdict(
      rated.id,
      'true',
      'The provincial statistical bulletin gives the same figure.',
    );
    await publishCorrection(articleId, {
      selector: { exact: 'Twenty-one media outlets from China and abroad sent 44 reporters.' },
      kind: 'clarification',
      replacement: 'Twenty-one media outlets from China and abroad sent 44 reporters in all.',
      notice: 'Clarified that 44 is the number of reporters from all 21 outlets together.',
    });
    await settled(articleId, 1);
    return { articleId, rated, open };
  }

  return { chinese, english };
}
