import type { Role } from '@marginalia/domain';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { bearer } from './support/desk';
import { expectRefused } from './support/refused';
import { type Feed, historiesDesk } from './support/reading-histories-desk';

/**
 * Who may read the histories, and the global event feed; the histories themselves are in
 * reading-histories.e2e.spec.ts.
 */
describe('histories and the event feed', () => {
  const shared = historiesDesk((env) => startAdminApi(env));
  const { history } = shared;
  let api: RunningAdminApi;
  let articleId: string;
  let claimId: string;
  let publishedId: string;
  beforeAll(() => ({ api, articleId, claimId, publishedId } = shared));

  describe('refusals', () => {
    it.each<Role>(['editor', 'fact_checker'])('answers 403 to the %s', async (role) => {
      const token = await bearer(api, role);
      for (const path of [
        `/v1/articles/${articleId}/history`,
        `/v1/claims/${claimId}/history`,
        `/v1/corrections/${publishedId}/history?format=csv`,
      ]) {
        await expectRefused(api, () => history(path, token), 403, 'forbidden');
      }
    });

    it.each<Role>(['auditor', 'standards_editor', 'admin'])('answers the %s', async (role) => {
      await history(`/v1/claims/${claimId}/history`, await bearer(api, role)).expect(200);
    });

    it('answers 400 for an unknown type, format or a time without its offset', async () => {
      for (const query of [
        'type=ClaimCreated',
        'format=xlsx',
        'from=2024-12-03',
        'to=tomorrow',
        'limit=501',
      ]) {
        await expectRefused(
          api,
          () => history(`/v1/articles/${articleId}/history?${query}`),
          400,
          'validation_failed',
        );
      }
    });

    it('answers 404 for what does not exist', async () => {
      const unknown = '0190f5c2-0000-7000-8000-000000000000';
      for (const kind of ['articles', 'claims', 'corrections']) {
        await expectRefused(api, () => history(`/v1/${kind}/${unknown}/history`), 404, 'not_found');
      }
    });
  });

  describe('GET /v1/events', () => {
    it('pages the global log after a position, exclusive', async () => {
      const head = await api.headPosition();
      const first = await history('/v1/events?after=0&limit=3').expect(200);
      expect((first.body as Feed).items.map((e) => e.position)).toEqual([1, 2, 3]);
      expect(first.body).toMatchObject({ lastPosition: 3, headPosition: head });
      expect(Object.keys(first.body.items[0]).sort()).toEqual([
        'data',
        'leafIndex',
        'metadata',
        'position',
        'recordedAt',
        'revision',
        'schemaVersion',
        'streamId',
        'type',
      ]);
      expect(first.body.items[0]).toMatchObject({
        position: 1,
        leafIndex: 0,
        revision: 0,
        type: 'ArticleImported',
        schemaVersion: 1,
        metadata: { actor: { sub: 'editor-li' }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      const next = await history(
        `/v1/events?after=${first.body.lastPosition}&limit=500`,
        await bearer(api, 'admin'),
      ).expect(200);
      expect((next.body as Feed).items.map((e) => e.position)).toEqual(
        Array.from({ length: head - 3 }, (_, i) => i + 4),
      );
      const end = await history(`/v1/events?after=${head}`).expect(200);
      expect(end.body).toEqual({ items: [], lastPosition: head, headPosition: head });
    });

    it('answers 403 to the newsroom and 400 for a malformed position', async () => {
      for (const role of ['editor', 'fact_checker', 'standards_editor'] as const) {
        await expectRefused(
          api,
          async () => history('/v1/events', await bearer(api, role)),
          403,
          'forbidden',
        );
      }
      await expectRefused(api, () => history('/v1/events?after=-1'), 400, 'validation_failed');
    });
  });
});
