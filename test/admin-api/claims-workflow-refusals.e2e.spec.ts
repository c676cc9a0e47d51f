import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { Projector } from '@marginalia/read-models';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { type Newsroom, verdictOf } from './support/claim-requests';
import { claimDesk } from './support/claims-workflow-desk';

/**
 * What the claim workflow refuses, and reading one's own writes; the workflow itself is in
 * claims-workflow.e2e.spec.ts.
 */
describe('a claim through its verdicts, over HTTP', () => {
  const shared = claimDesk((env) => startAdminApi(env));
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;
  beforeAll(() => ({ api, desk, articleId } = shared));

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
