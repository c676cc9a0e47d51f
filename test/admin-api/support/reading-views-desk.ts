import request from 'supertest';
import { type RunningAdminApi } from '../../support/admin-api';
import { bearer } from './desk';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

export interface View {
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
export const ASTRAL_TEXT =
  '《康熙字典》補遺收有「𠀾」字。陽泉礦區👷‍♂️工人說:「2023年全市原煤產量達到9500萬噸。」\n' +
  '頁面殘留的代碼:<script>alert("marginalia")</script> & <b>粗體</b>';
export const OUTPUT = '2023年全市原煤產量達到9500萬噸';
export const HOSTILE_STATEMENT = '陽泉原煤產量<img src=x onerror=alert(1)>';

/**
 * A server and a reader of its annotated views; started before the tests of the describe that
 * calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function viewDesk(start: StartAdminApi) {
  let api: RunningAdminApi;
  let reader: string;

  beforeAll(async () => {
    api = await start({});
    reader = await bearer(api, 'fact_checker');
  });

  afterAll(() => api.stop());

  const view = (articleId: string, query = '') =>
    request(api.url).get(`/v1/articles/${articleId}/view${query}`).set('Authorization', reader);

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get reader(): string {
      return reader;
    },
    view,
  };
}
