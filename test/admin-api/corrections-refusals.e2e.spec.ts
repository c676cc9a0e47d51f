import request from 'supertest';
import type { Role } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import {
  bearer,
  import002,
  PINYIN,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING,
} from './support/desk';
import { expectRefused } from './support/refused';

const proposal = {
  selector: PINYIN_IN_RECYCLING,
  kind: 'correction',
  replacement: '推動',
  notice: '更正：「推動(dòng)」係轉換錯誤。',
};

describe('what the correction routes refuse', () => {
  let api: RunningAdminApi;
  let articleId: string;
  let correctionId: string;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = await bearer(api, 'editor');
    articleId = await import002(api, 'refusals');
    const proposed = await request(api.url)
      .post(`/v1/articles/${articleId}/corrections`)
      .set('Authorization', editor)
      .send(proposal)
      .expect(201);
    correctionId = proposed.body.id;
  });

  afterAll(() => api.stop());

  const refused = (send: () => Promise<request.Response>, status: number, code: string) =>
    expectRefused(api, send, status, code);

  describe('403 forbidden for each role the route does not allow', () => {
    const routes: Array<{
      route: string;
      refusedTo: Role[];
      send: (token: string) => request.Test;
    }> = [
      {
        route: 'POST /v1/articles/{id}/corrections',
        refusedTo: ['fact_checker', 'auditor', 'admin'],
        send: (token) =>
          request(api.url)
            .post(`/v1/articles/${articleId}/corrections`)
            .set('Authorization', token)
            .send(proposal),
      },
      {
        route: 'PATCH /v1/corrections/{id}',
        refusedTo: ['fact_checker', 'auditor', 'admin'],
        send: (token) =>
          request(api.url)
            .patch(`/v1/corrections/${correctionId}`)
            .set('Authorization', token)
            .set('If-Match', '"0"')
            .send({ notice: '改' }),
      },
      {
        route: 'POST /v1/corrections/{id}/approve',
        refusedTo: ['editor', 'fact_checker', 'auditor', 'admin'],
        send: (token) =>
          request(api.url)
            .post(`/v1/corrections/${correctionId}/approve`)
            .set('Authorization', token),
      },
      {
        route: 'POST /v1/corrections/{id}/reject',
        refusedTo: ['editor', 'fact_checker', 'auditor', 'admin'],
        send: (token) =>
          request(api.url)
            .post(`/v1/corrections/${correctionId}/reject`)
            .set('Authorization', token)
            .send({ reason: '不需要' }),
      },
      {
        route: 'POST /v1/corrections/{id}/withdrawal',
        refusedTo: ['fact_checker', 'auditor', 'admin'],
        send: (token) =>
          request(api.url)
            .post(`/v1/corrections/${correctionId}/withdrawal`)
            .set('Authorization', token)
            .send({ reason: '不需要' }),
      },
    ];

    it.each(routes.map(({ route, refusedTo }) => [route, refusedTo.join(', ')]))(
      '%s: refused to %s',
      async (route) => {
        const { refusedTo, send } = routes.find((r) => r.route === route)!;
        for (const role of refusedTo) {
          const response = await refused(
            async () => send(await bearer(api, role)),
            403,
            'forbidden',
          );
          expect(response.body.detail).toContain(role);
        }
      },
    );
  });

  describe('PATCH /v1/corrections/{id}', () => {
    const patch = (headers: Record<string, string>, body: string | object) => {
      const test = request(api.url)
        .patch(`/v1/corrections/${correctionId}`)
        .set('Authorization', editor);
      for (const [name, value] of Object.entries(headers)) test.set(name, value);
      return test.send(body);
    };

    it('answers 428 precondition_required without If-Match', async () => {
      await refused(() => patch({}, { notice: '改' }), 428, 'precondition_required');
    });

    it('answers 412 version_mismatch for a stale If-Match, naming both versions', async () => {
      const current = await request(api.url)
        .get(`/v1/corrections/${correctionId}`)
        .set('Authorization', editor)
        .expect(200);
      const response = await refused(
        () => patch({ 'If-Match': `"${current.body.version + 1}"` }, { notice: '改' }),
        412,
        'version_mismatch',
      );
      expect(response.body).toMatchObject({
        expectedVersion: current.body.version + 1,
        currentVersion: current.body.version,
      });
    });

    it('accepts JSON Merge Patch, where replacement: null leaves only the notice', async () => {
      const current = await request(api.url)
        .get(`/v1/corrections/${correctionId}`)
        .set('Authorization', editor)
        .expect(200);
      const response = await patch(
        { 'If-Match': current.headers.etag!, 'Content-Type': 'application/merge-patch+json' },
        JSON.stringify({ replacement: null, notice: '說明：「推動(dòng)」係轉換殘留,原意不變。' }),
      ).expect(200);
      expect(response.body).toMatchObject({
        replacement: null,
        notice: '說明：「推動(dòng)」係轉換殘留,原意不變。',
        anchor: { exact: PINYIN },
        version: current.body.version + 1,
      });
      expect(response.headers.etag).toBe(`"${current.body.version + 1}"`);
    });

    it('answers 415 unsupported_media_type for another content type', async () => {
      await refused(
        () => patch({ 'If-Match': '*', 'Content-Type': 'text/plain' }, '{"notice":"改"}'),
        415,
        'unsupported_media_type',
      );
    });

    it('answers 400 validation_failed for a null notice or an unknown field', async () => {
      for (const body of [
        { notice: null },
        { selector: { exact: PINYIN, quote: 'x' } },
        { revision: 0 },
      ]) {
        await refused(() => patch({ 'If-Match': '*' }, body), 400, 'validation_failed');
      }
    });
  });

  describe('POST /v1/articles/{id}/corrections', () => {
    const propose = (body: object, id = articleId) =>
      request(api.url)
        .post(`/v1/articles/${id}/corrections`)
        .set('Authorization', editor)
        .send(body);

    it('answers 400 validation_failed for a wrong body, naming the field', async () => {
      for (const [body, field] of [
        [{ ...proposal, kind: 'erratum' }, 'kind'],
        [{ ...proposal, selector: { ...PINYIN_IN_RECYCLING, start: -1 } }, 'selector.start'],
        [{ ...proposal, selector: { ...PINYIN_IN_RECYCLING, colour: 'red' } }, 'selector.colour'],
        [{ ...proposal, notice: '' }, 'notice'],
        [{ ...proposal, author: 'editor-li' }, 'author'],
        [{ ...proposal, kind: 'clarification', selector: undefined }, 'selector'],
        [{ ...proposal, selector: { start: 1001 } }, 'selector.end'],
        [{ ...proposal, selector: { prefix: '積極' } }, 'selector.exact'],
        [{ ...proposal, revision: 9, selector: { start: 1001, prefix: '積極' } }, 'selector.end'],
      ] as const) {
        const response = await refused(() => propose(body), 400, 'validation_failed');
        const { errors } = response.body as { errors: Array<{ field: string }> };
        expect(errors.map((e) => e.field)).toContain(field);
      }
    });

    it('answers 415 for a body that is not application/json', async () => {
      await refused(
        () =>
          request(api.url)
            .post(`/v1/articles/${articleId}/corrections`)
            .set('Authorization', editor)
            .set('Content-Type', 'application/merge-patch+json')
            .send(JSON.stringify(proposal)),
        415,
        'unsupported_media_type',
      );
    });

    it('answers 422 for a quote found five times without context, or not at all', async () => {
      await refused(
        () => propose({ ...proposal, selector: { exact: PINYIN } }),
        422,
        'quote_ambiguous',
      );
      await refused(
        () => propose({ ...proposal, selector: { exact: '推动' } }),
        422,
        'quote_not_found',
      );
      await refused(
        () => propose({ ...proposal, revision: 9, selector: PINYIN_IN_COAL_POWER }),
        422,
        'revision_not_found',
      );
    });

    it('answers 404 not_found for an article never imported', async () => {
      await refused(
        () => propose(proposal, '0190f5c2-0000-7000-8000-000000000000'),
        404,
        'not_found',
      );
    });

    it('answers the first response again for a repeated Idempotency-Key, appending nothing', async () => {
      const send = () =>
        request(api.url)
          .post(`/v1/articles/${articleId}/corrections`)
          .set('Authorization', editor)
          .set('Idempotency-Key', 'propose-coal-power-1')
          .send({ ...proposal, selector: PINYIN_IN_COAL_POWER });
      const first = await send().expect(201);
      const head = await api.headPosition();
      const again = await send().expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(await api.headPosition()).toBe(head);
    });
  });
});
