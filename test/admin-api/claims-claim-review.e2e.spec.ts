import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { COAL_CLAIM, importArticle } from './support/article-requests';
import { coalCapture, Newsroom, verdictOf } from './support/claim-requests';

const PUBLISHER = { name: '山西事实核查中心', url: 'https://factcheck.example.org' };

describe('GET /v1/claims/{id}/claim-review', () => {
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    api = await startAdminApi({ PUBLISHER_NAME: PUBLISHER.name, PUBLISHER_URL: PUBLISHER.url });
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'claim-review'));
  });

  afterAll(() => api.stop());

  it('is schema.org ClaimReview JSON-LD for a scored rating, the claimant as a Person', async () => {
    const id = await desk.publishedClaim(articleId, 'mostly_false');
    const response = await desk.get('auditor', `/v1/claims/${id}/claim-review`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    const claim = await desk.get('auditor', `/v1/claims/${id}`).expect(200);
    expect(response.body).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: coalCapture.statement,
      reviewBody: verdictOf().summary,
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'Mostly false',
        ratingValue: 2,
        bestRating: 5,
        worstRating: 1,
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: '金湘军' },
        datePublished: '2024-03-08T10:29:15+08:00',
        appearance:
          'https://www.sxrbw.com/static/content/SZXW/2024-03-08/1215593765296414720-claim-review.html',
      },
      author: { '@type': 'Organization', name: PUBLISHER.name, url: PUBLISHER.url },
      datePublished: claim.body.publishedVerdict.publishedAt,
      url: `${PUBLISHER.url}/fact-checks/${id}`,
    });
  });

  it('has no ratingValue, bestRating or worstRating for an unscored rating; the publisher as author without a claimant', async () => {
    const { id } = await desk.capture(articleId, { selector: { exact: COAL_CLAIM } });
    await desk.step('editor', `/v1/claims/${id}/assignment`, { assignee: 'checker-wang' });
    await desk.step('fact_checker', `/v1/claims/${id}/verdict`, verdictOf('missing_context'));
    await desk.step('fact_checker', `/v1/claims/${id}/verdict/submit`);
    await desk.step('standards_editor', `/v1/claims/${id}/verdict/approve`);
    const { body } = await desk.get('editor', `/v1/claims/${id}/claim-review`).expect(200);
    expect(body.claimReviewed).toBe(COAL_CLAIM);
    expect(body.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Missing context' });
    expect(body.itemReviewed.author).toEqual({ '@type': 'Organization', name: '山西日报客户端' });
  });

  it('answers 404 not_found while no verdict is published', async () => {
    const id = await desk.claimInReview(articleId);
    await desk.refused(
      () => desk.get('fact_checker', `/v1/claims/${id}/claim-review`),
      404,
      'not_found',
    );
  });
});
