import { type RunningAdminApi } from '../../support/admin-api';
import { importArticle } from './article-requests';
import { type ClaimBody, Newsroom } from './claim-requests';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

/**
 * A server with an article to capture claims on and a newsroom to take them through their
 * verdicts; started before the tests of the describe that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function claimDesk(start: StartAdminApi) {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    api = await start({});
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'claims-workflow'));
  });

  afterAll(() => api.stop());

  /** Every answer of a mutation is what a GET shows next, ETag included. */
  async function expectShown(answer: ClaimBody) {
    const shown = await desk.get('auditor', `/v1/claims/${answer.id}`).expect(200);
    expect(shown.body).toEqual(answer);
    expect(shown.headers.etag).toBe(`"${answer.version}"`);
  }

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get desk(): Newsroom {
      return desk;
    },
    get articleId(): string {
      return articleId;
    },
    expectShown,
  };
}
