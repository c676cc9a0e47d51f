import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { Projector } from '@marginalia/read-models';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import { COAL_CLAIM, importArticle } from './support/article-requests';
import {
  type ClaimBody,
  coalCapture,
  Newsroom,
  statisticsBulletin,
  verdictOf,
} from './support/claim-requests';

describe('a claim through its verdicts, over HTTP', () => {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    api = await startAdminApi();
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

  describe('refusals of the workflow', () => {
    it('answers 422 verdict_needs_source when submitting a draft without sources', async () => {
      const { id } = await desk.capture(articleId);
      await desk.step('fact_checker', `/v1/claims/${id}/verdict`, verdictOf('unproven', []));
      await desk.refused(
        () => desk.post('fact_checker', `/v1/claims/${id}/verdict/submit`),
        422,
        'verdict_needs_source',
      );
    });

    it('answers 409 invalid_transition for drafting on a withdrawn claim', async () => {
      const { id } = await desk.capture(articleId);
      const withdrawn = await desk.step('editor', `/v1/claims/${id}/withdrawal`, {
        reason: '重复标注',
      });
      expect(withdrawn.status).toBe('withdrawn');
      await desk.refused(
        () => desk.post('fact_checker', `/v1/claims/${id}/verdict`, verdictOf()),
        409,
        'invalid_transition',
      );
    });

    it('answers 409 invalid_transition for withdrawing a published claim', async () => {
      const id = await desk.publishedClaim(articleId);
      await desk.refused(
        () => desk.post('editor', `/v1/claims/${id}/withdrawal`, { reason: '撤回' }),
        409,
        'invalid_transition',
      );
    });

    it('answers 409 invalid_transition for approving what is not submitted, and for drafting in review', async () => {
      const { id } = await desk.capture(articleId);
      await desk.refused(
        () => desk.post('standards_editor', `/v1/claims/${id}/verdict/approve`),
        409,
        'invalid_transition',
      );
      const reviewed = await desk.claimInReview(articleId);
      await desk.refused(
        () => desk.post('fact_checker', `/v1/claims/${reviewed}/verdict`, verdictOf('false')),
        409,
        'invalid_transition',
      );
    });

    it('answers 404 not_found for an unknown claim and a malformed id', async () => {
      for (const path of [
        '/v1/claims/0190f5c2-0000-7000-8000-000000000000',
        '/v1/claims/0190f5c2-0000-7000-8000-000000000000/claim-review',
        '/v1/claims/not-a-claim',
      ]) {
        await desk.refused(() => desk.get('editor', path), 404, 'not_found');
      }
      await desk.refused(
        () =>
          desk.post(
            'fact_checker',
            '/v1/claims/0190f5c2-0000-7000-8000-000000000000/verdict/submit',
          ),
        404,
        'not_found',
      );
    });
  });
  describe('read-your-writes', () => {
    it('answers from the log, in the same shape, when the read models lag past the wait', async () => {
      const { id, version } = await desk.capture(articleId);
      const projector = api.app.get(Projector);
      await projector.stop();
      try {
        const assigned = await desk.step('editor', `/v1/claims/${id}/assignment`, {
          assignee: 'checker-wang',
        });
        expect(assigned).toMatchObject({ status: 'assigned', version: version + 1 });
        const stale = await desk.get('editor', `/v1/claims/${id}`).expect(200);
        expect(stale.body.version).toBe(version);
        projector.start();
        await projector.waitFor(await api.headPosition());
        const caughtUp = await desk.get('editor', `/v1/claims/${id}`).expect(200);
        expect(caughtUp.body).toEqual(assigned);
      } finally {
        projector.start();
      }
    });

    it('records the actor from the token on every event of the claim', async () => {
      const id = await desk.publishedClaim(articleId);
      const events = await api.app.get<EventStore>(EVENT_STORE).readStream(`claim-${id}`);
      expect(
        events.map((event) => [event.type, (event.metadata.actor as { sub: string }).sub]),
      ).toEqual([
        ['ClaimCaptured', 'checker-wang'],
        ['ClaimAssigned', 'editor-li'],
        ['VerdictDrafted', 'checker-wang'],
        ['VerdictSubmitted', 'checker-wang'],
        ['VerdictApproved', 'standards-zhang'],
        ['VerdictPublished', 'standards-zhang'],
      ]);
    });
  });
});
