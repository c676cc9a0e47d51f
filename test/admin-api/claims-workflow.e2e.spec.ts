import { type RunningAdminApi, users, startAdminApi } from '../support/admin-api';
import { COAL_CLAIM } from './support/article-requests';
import {
  coalCapture,
  type Newsroom,
  statisticsBulletin,
  verdictOf,
} from './support/claim-requests';
import { claimDesk } from './support/claims-workflow-desk';

/*
 * A claim through its verdicts and the four-eyes rule; the workflow's refusals and
 * read-your-writes are in claims-workflow-refusals.e2e.spec.ts.
 */
describe('a claim through its verdicts, over HTTP', () => {
  const shared = claimDesk((env) => startAdminApi(env));
  const { expectShown } = shared;
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;
  beforeAll(() => ({ api, desk, articleId } = shared));

  it('captures, assigns, drafts, submits, publishes, drafts v2, rejects it and retracts v1', async () => {
    const captured = await desk.post('fact_checker', `/v1/articles/${articleId}/claims`, {
      ...coalCapture,
      selector: { exact: COAL_CLAIM, prefix: '供应。' },
    });
    expect(captured.status).toBe(201);
    const id = captured.body.id as string;
    expect(captured.headers.location).toBe(`/v1/claims/${id}`);
    expect(captured.headers.etag).toBe('"0"');
    expect(captured.body).toMatchObject({
      articleId,
      status: 'open',
      assignee: null,
      statement: coalCapture.statement,
      claimant: '金湘军',
      topics: ['能源', '煤炭产量'],
      anchor: {
        revision: 1,
        start: 1774,
        end: 1789,
        exact: COAL_CLAIM,
        prefix: '。统筹发展和安全,大力推进煤炭、电力和非常规天然气安全稳定供应。',
        suffix: ',发电量4376亿千瓦时,非常规天然气产量145.9亿立方米,助',
        state: 'anchored',
        utf16Start: 1774,
        utf16End: 1789,
      },
      draft: null,
      publishedVerdict: null,
      verdictHistory: [],
      capturedBy: users.fact_checker.sub,
      version: 0,
    });
    await expectShown(captured.body);
    await desk.get('editor', `/v1/claims/${id}`).set('If-None-Match', '"0"').expect(304);

    const assigned = await desk.step('editor', `/v1/claims/${id}/assignment`, {
      assignee: users.fact_checker.sub,
    });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'checker-wang', version: 1 });
    await expectShown(assigned);

    const drafted = await desk.step('fact_checker', `/v1/claims/${id}/verdict`, verdictOf('true'));
    expect(drafted).toMatchObject({
      status: 'assigned',
      draft: {
        version: 1,
        rating: 'true',
        sources: [statisticsBulletin],
        drafters: ['checker-wang'],
        submitted: false,
        rejection: null,
      },
    });
    await expectShown(drafted);

    const submitted = await desk.step('fact_checker', `/v1/claims/${id}/verdict/submit`);
    expect(submitted).toMatchObject({ status: 'in_review', draft: { submitted: true } });
    await expectShown(submitted);

    const published = await desk.step('standards_editor', `/v1/claims/${id}/verdict/approve`);
    expect(published).toMatchObject({
      status: 'published',
      draft: null,
      publishedVerdict: { version: 1, rating: 'true', sources: [statisticsBulletin] },
    });
    expect(published.publishedVerdict!.publishedAt).toEqual(expect.any(String));
    await expectShown(published);
    const review = await desk.get('auditor', `/v1/claims/${id}/claim-review`).expect(200);
    expect(review.body.reviewRating).toMatchObject({ alternateName: 'True', ratingValue: 5 });

    const second = await desk.step('fact_checker', `/v1/claims/${id}/verdict`, {
      ...verdictOf('mostly_true'),
      summary: '2023年原煤产量为13.78亿吨，但“煤炭产量”口径略有差异。',
    });
    expect(second).toMatchObject({
      status: 'published',
      draft: { version: 2, rating: 'mostly_true', submitted: false },
      publishedVerdict: { version: 1, rating: 'true' },
    });
    await desk.step('fact_checker', `/v1/claims/${id}/verdict/submit`);
    const rejected = await desk.step('standards_editor', `/v1/claims/${id}/verdict/reject`, {
      reason: '请补充国家统计局的分省数据作为第二个来源',
    });
    expect(rejected).toMatchObject({
      status: 'published',
      draft: {
        version: 2,
        submitted: false,
        rejection: { reason: '请补充国家统计局的分省数据作为第二个来源', by: 'standards-zhang' },
      },
      publishedVerdict: { version: 1 },
    });
    await expectShown(rejected);

    const retracted = await desk.step('standards_editor', `/v1/claims/${id}/verdict/retract`, {
      reason: '统计局修订了2023年数据，核查结论需要重新评估',
    });
    expect(retracted).toMatchObject({ status: 'assigned', publishedVerdict: null });
    expect(
      retracted.verdictHistory.map((entry) => `${entry.verdictVersion}:${entry.step}`),
    ).toEqual([
      '1:drafted',
      '1:submitted',
      '1:approved',
      '1:published',
      '2:drafted',
      '2:submitted',
      '2:rejected',
      '1:retracted',
    ]);
    expect(retracted.verdictHistory.at(-1)).toMatchObject({
      by: 'standards-zhang',
      reason: '统计局修订了2023年数据，核查结论需要重新评估',
    });
    await expectShown(retracted);
    await desk.refused(
      () => desk.get('auditor', `/v1/claims/${id}/claim-review`),
      404,
      'not_found',
    );
  });

  it('publishes a second version that supersedes the first', async () => {
    const id = await desk.publishedClaim(articleId, 'true');
    await desk.step('fact_checker', `/v1/claims/${id}/verdict`, verdictOf('half_true'));
    await desk.step('fact_checker', `/v1/claims/${id}/verdict/submit`);
    const approved = await desk.step('other_standards_editor', `/v1/claims/${id}/verdict/approve`);
    expect(approved).toMatchObject({
      status: 'published',
      draft: null,
      publishedVerdict: { version: 2, rating: 'half_true' },
    });
  });

  describe('the four-eyes rule', () => {
    it('refuses a standards editor who drafted the verdict: 409 self_approval_forbidden', async () => {
      const id = await desk.claimInReview(articleId, 'true', 'standards_editor');
      await desk.refused(
        () => desk.post('standards_editor', `/v1/claims/${id}/verdict/approve`),
        409,
        'self_approval_forbidden',
      );
      const approved = await desk.step(
        'other_standards_editor',
        `/v1/claims/${id}/verdict/approve`,
      );
      expect(approved.status).toBe('published');
    });

    it('refuses anyone who wrote any draft of that version, whatever their other roles', async () => {
      const id = await desk.claimInReview(articleId);
      await desk.step('standards_editor', `/v1/claims/${id}/verdict/reject`, {
        reason: '来源需要更具体',
      });
      // The standards editor now replaces the fact-checker's draft: both wrote version 1.
      await desk.step('other_standards_editor', `/v1/claims/${id}/verdict`, verdictOf('true'));
      await desk.step('fact_checker', `/v1/claims/${id}/verdict/submit`);
      await desk.refused(
        () => desk.post('other_standards_editor', `/v1/claims/${id}/verdict/approve`),
        409,
        'self_approval_forbidden',
      );
      const both = `Bearer ${await api.tokenFor({
        sub: users.fact_checker.sub,
        roles: ['fact_checker', 'standards_editor'],
      })}`;
      await desk.refused(
        () =>
          desk
            .post('standards_editor', `/v1/claims/${id}/verdict/approve`)
            .set('Authorization', both),
        409,
        'self_approval_forbidden',
      );
      const approved = await desk.step('standards_editor', `/v1/claims/${id}/verdict/approve`);
      expect(approved.publishedVerdict).toMatchObject({ version: 1 });
    });
  });
});
