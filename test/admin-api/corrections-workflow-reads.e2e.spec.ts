import request from 'supertest';
import { Projector } from '@marginalia/read-models';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import {
  bearer,
  eventually,
  import002,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING_AT,
} from './support/desk';
import { expectRefused } from './support/refused';
import { correctionDesk } from './support/corrections-workflow-desk';

/**
 * Reading corrections back: lists, the log when read models lag, ETags. The workflow itself is
 * in corrections-workflow.e2e.spec.ts.
 */
describe('the correction workflow over HTTP, on corpus article 002', () => {
  const desk = correctionDesk((env) => startAdminApi(env));
  const { propose, approve, correction } = desk;
  let api: RunningAdminApi;
  let editor: string;
  let standards: string;
  beforeAll(() => ({ api, editor, standards } = desk));

  it('lists corrections filtered by article, status and kind, page by page', async () => {
    const articleId = await import002(api, 'list');
    const first = (await propose(articleId, editor).expect(201)).body.id;
    const second = (
      await propose(articleId, editor, {
        selector: PINYIN_IN_COAL_POWER,
        kind: 'clarification',
      }).expect(201)
    ).body.id;
    await approve(first, standards).expect(200);
    const auditor = await bearer(api, 'auditor');
    const list = (query: string) =>
      request(api.url)
        .get(`/v1/corrections?articleId=${articleId}${query}`)
        .set('Authorization', auditor)
        .expect(200)
        .then(
          (response) =>
            response.body as { items: Array<{ id: string }>; nextCursor: string | null },
        );

    expect((await list('')).items.map((c) => c.id)).toEqual([first, second]);
    expect((await list('&status=published')).items.map((c) => c.id)).toEqual([first]);
    expect((await list('&kind=clarification')).items.map((c) => c.id)).toEqual([second]);
    const page1 = await list('&limit=1');
    expect(page1.items.map((c) => c.id)).toEqual([first]);
    const page2 = await list(`&limit=1&cursor=${page1.nextCursor}`);
    expect(page2).toEqual({ items: [expect.objectContaining({ id: second })], nextCursor: null });
    await expectRefused(
      api,
      () => request(api.url).get('/v1/corrections?status=pending').set('Authorization', editor),
      400,
      'validation_failed',
    );
  });

  it('answers from the log when the read models lag behind the bounded wait', async () => {
    const articleId = await import002(api, 'lagging');
    const projector = api.app.get(Projector);
    await projector.stop();
    let proposed: request.Response;
    try {
      proposed = await propose(articleId, editor).expect(201);
    } finally {
      projector.start();
    }
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      version: 0,
      proposedAt: expect.any(String),
      anchor: { start: PINYIN_IN_RECYCLING_AT, utf16Start: PINYIN_IN_RECYCLING_AT },
    });
    const id = proposed.body.id as string;
    await eventually(async () => expect(await correction(id)).toEqual(proposed.body));
  });

  it('answers a correction with its ETag, 304 when unchanged, and 404 when unknown', async () => {
    const articleId = await import002(api, 'etag');
    const id = (await propose(articleId, editor).expect(201)).body.id;
    const response = await request(api.url)
      .get(`/v1/corrections/${id}`)
      .set('Authorization', await bearer(api, 'auditor'))
      .expect(200);
    expect(response.headers.etag).toBe('"0"');
    await request(api.url)
      .get(`/v1/corrections/${id}`)
      .set('Authorization', editor)
      .set('If-None-Match', '"0"')
      .expect(304);
    for (const path of [
      '/v1/corrections/0190f5c2-0000-7000-8000-000000000000',
      '/v1/corrections/x',
    ]) {
      await expectRefused(
        api,
        () => request(api.url).get(path).set('Authorization', editor),
        404,
        'not_found',
      );
    }
  });
});
