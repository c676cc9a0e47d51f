import request from 'supertest';
import { type RunningAdminApi } from '../../support/admin-api';
import { bearer, otherStandardsEditor, PINYIN_IN_RECYCLING } from './desk';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

export interface Correction {
  version: number;
  anchor: { state: string } | null;
}

export const NOTICE = '更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」。';

/**
 * A server for the correction workflow, with the tokens of an editor and two standards editors,
 * and the requests every test of it makes; started before the tests of the describe that calls
 * this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function correctionDesk(start: StartAdminApi) {
  let api: RunningAdminApi;
  let editor: string;
  let standards: string;
  let otherStandards: string;

  beforeAll(async () => {
    api = await start({});
    editor = await bearer(api, 'editor');
    standards = await bearer(api, 'standards_editor');
    otherStandards = `Bearer ${await api.tokenFor(otherStandardsEditor)}`;
  });

  afterAll(() => api.stop());

  const propose = (articleId: string, token: string, body: object = {}) =>
    request(api.url)
      .post(`/v1/articles/${articleId}/corrections`)
      .set('Authorization', token)
      .send({
        selector: PINYIN_IN_RECYCLING,
        kind: 'correction',
        replacement: '推動',
        notice: NOTICE,
        ...body,
      });
  const approve = (correctionId: string, token: string) =>
    request(api.url).post(`/v1/corrections/${correctionId}/approve`).set('Authorization', token);
  const correction = async (correctionId: string) =>
    (
      await request(api.url)
        .get(`/v1/corrections/${correctionId}`)
        .set('Authorization', editor)
        .expect(200)
    ).body as Correction;

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get editor(): string {
      return editor;
    },
    get standards(): string {
      return standards;
    },
    get otherStandards(): string {
      return otherStandards;
    },
    propose,
    approve,
    correction,
  };
}
