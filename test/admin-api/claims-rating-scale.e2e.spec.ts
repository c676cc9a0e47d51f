import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { importArticle } from './support/article-requests';
import { Newsroom } from './support/claim-requests';

/** A newsroom's own three-step scale, with an unscored rating (SPEC §5: configurable). */
const SCALE = {
  ratings: [
    { id: 'correct', label: '正确', value: 3 },
    { id: 'partly_correct', label: '部分正确', value: 2 },
    { id: 'wrong', label: '错误', value: 1 },
    { id: 'unverifiable', label: '无法核实', value: null },
  ],
  best: 3,
  worst: 1,
};

describe('a rating scale of the newsroom’s own (RATING_SCALE_FILE)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let api: RunningAdminApi;
  let desk: Newsroom;
  let articleId: string;

  beforeAll(async () => {
    dir = makeTempDir();
    writeFileSync(join(dir.path, 'scale.json'), JSON.stringify(SCALE));
    api = await startAdminApi({ RATING_SCALE_FILE: join(dir.path, 'scale.json') });
    desk = await Newsroom.of(api);
    ({ id: articleId } = await importArticle(api, 'scale'));
  });

  afterAll(async () => {
    await api.stop();
    dir.remove();
  });

  it('rates verdicts and writes ClaimReview with its ids, labels and bounds', async () => {
    const id = await desk.publishedClaim(articleId, 'partly_correct');
    const { body } = await desk.get('auditor', `/v1/claims/${id}/claim-review`).expect(200);
    expect(body.reviewRating).toEqual({
      '@type': 'Rating',
      alternateName: '部分正确',
      ratingValue: 2,
      bestRating: 3,
      worstRating: 1,
    });
    const listed = await desk.get('editor', '/v1/claims?rating=partly_correct').expect(200);
    const items = listed.body.items as Array<{ id: string }>;
    expect(items.map((claim) => claim.id)).toEqual([id]);
  });

  it('refuses a rating of the default scale that it does not have', async () => {
    const { id } = await desk.capture(articleId);
    await desk.refused(
      () =>
        desk.post('fact_checker', `/v1/claims/${id}/verdict`, {
          rating: 'mostly_true',
          summary: '基本正确。',
          sources: [],
        }),
      400,
      'validation_failed',
    );
    await desk.refused(
      () => desk.get('editor', '/v1/claims?rating=mostly_true'),
      400,
      'validation_failed',
    );
  });
});
