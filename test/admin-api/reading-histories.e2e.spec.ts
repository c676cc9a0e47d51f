import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { expectRefused } from './support/refused';
import { parseCsv } from '../support/csv';
import { type Entry, FORMULA, historiesDesk } from './support/reading-histories-desk';

/*
 * Histories as JSON, JSON Lines and CSV; who may read them and the global event feed are in
 * reading-histories-feed.e2e.spec.ts.
 */
describe('histories and the event feed', () => {
  const shared = historiesDesk((env) => startAdminApi(env));
  const { history, all } = shared;
  let api: RunningAdminApi;
  let articleId: string;
  let claimId: string;
  let rejectedId: string;
  let publishedId: string;
  beforeAll(() => ({ api, articleId, claimId, rejectedId, publishedId } = shared));

  describe('as JSON', () => {
    it('lists every event of the article and its annotations in log order', async () => {
      const entries = await all(`/v1/articles/${articleId}/history`);
      expect(entries.map((e) => e.type)).toEqual([
        'ArticleImported',
        'ClaimCaptured',
        'CorrectionProposed',
        'CorrectionRejected',
        'CorrectionProposed',
        'CorrectionApproved',
        'ArticleRevised',
        'CorrectionPublished',
        'AnnotationReanchored',
      ]);
      const positions = entries.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(entries[3]).toMatchObject({
        streamId: `correction-${rejectedId}`,
        actor: { sub: 'standards-zhang' },
        reason: FORMULA,
        annotationId: rejectedId,
      });
      expect(entries.find((e) => e.type === 'ArticleRevised')!.actor.sub).toBe('system');
    });

    it('pages with limit and the opaque cursor', async () => {
      const entries = await all(`/v1/articles/${articleId}/history`);
      const seen: Entry[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page = await history(`/v1/articles/${articleId}/history?limit=4${query}`).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(entries);
    });

    it('filters by types (repeated or comma-separated), actor and time', async () => {
      const path = `/v1/articles/${articleId}/history`;
      const types = (entries: Entry[]) => entries.map((e) => e.type);
      expect(types(await all(`${path}?type=CorrectionProposed,CorrectionRejected`))).toEqual([
        'CorrectionProposed',
        'CorrectionRejected',
        'CorrectionProposed',
      ]);
      expect(types(await all(`${path}?type=ClaimCaptured&type=CorrectionPublished`))).toEqual([
        'ClaimCaptured',
        'CorrectionPublished',
      ]);
      expect(types(await all(`${path}?actor=system`))).toEqual([
        'ArticleRevised',
        'CorrectionPublished',
        'AnnotationReanchored',
      ]);
      const entries = await all(path);
      const from = entries[2]!.recordedAt;
      const to = entries[3]!.recordedAt;
      const between = await all(
        `${path}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      expect(between.length).toBeGreaterThanOrEqual(2);
      expect(between.every((e) => e.recordedAt >= from && e.recordedAt <= to)).toBe(true);
      expect(await all(`${path}?to=2024-12-03T00:00:00%2B08:00`)).toEqual([]);
    });

    it('gives one claim’s or one correction’s own events', async () => {
      const claim = await all(`/v1/claims/${claimId}/history`);
      expect(claim.map((e) => e.type)).toEqual(['ClaimCaptured', 'AnnotationReanchored']);
      expect(claim.every((e) => e.streamId === `claim-${claimId}`)).toBe(true);
      const correction = await all(`/v1/corrections/${publishedId}/history`);
      expect(correction.map((e) => e.type)).toEqual([
        'CorrectionProposed',
        'CorrectionApproved',
        'CorrectionPublished',
      ]);
    });
  });

  describe('as JSON Lines and CSV', () => {
    it('streams every matching entry as application/x-ndjson', async () => {
      const response = await history(
        `/v1/articles/${articleId}/history?format=jsonl&type=CorrectionProposed,CorrectionPublished`,
      ).expect(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson');
      const lines = response.text.split('\n');
      expect(lines.pop()).toBe('');
      const expected = await all(
        `/v1/articles/${articleId}/history?type=CorrectionProposed,CorrectionPublished`,
      );
      expect(lines.map((line) => JSON.parse(line) as Entry)).toEqual(expected);
    });

    it('exports CSV as an attachment, with the SPEC’s columns and no cell a spreadsheet would run', async () => {
      const response = await history(`/v1/articles/${articleId}/history?format=csv`)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="article-${articleId}-history.csv"`,
      );
      const rows = parseCsv(response.body as string);
      expect(rows[0]).toEqual([
        'position',
        'recordedAt',
        'streamId',
        'revision',
        'type',
        'actor',
        'reason',
        'correlationId',
        'causationId',
        'data',
      ]);
      const entries = await all(`/v1/articles/${articleId}/history`);
      expect(rows.slice(1).map((row) => [Number(row[0]), row[4], row[5]])).toEqual(
        entries.map((e) => [e.position, e.type, e.actor.sub]),
      );
      const rejection = rows.find((row) => row[4] === 'CorrectionRejected')!;
      expect(rejection[6]).toBe(`'${FORMULA}`);
      expect(rows.slice(1).every((row) => row.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(
        true,
      );
      expect(JSON.parse(rejection[9]!)).toMatchObject({
        correctionId: rejectedId,
        reason: FORMULA,
      });
    });

    it('refuses limit and cursor, which page the JSON form only', async () => {
      await expectRefused(
        api,
        () => history(`/v1/articles/${articleId}/history?format=csv&limit=2`),
        400,
        'validation_failed',
      );
    });
  });
});
