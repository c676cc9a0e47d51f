import request from 'supertest';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import {
  bearer,
  captureClaim,
  CORPUS_002,
  eventually,
  import002,
  NON_COAL_GROWTH,
  PINYIN,
  PINYIN_IN_COAL_POWER,
  PINYIN_IN_RECYCLING_AT,
} from './support/desk';
import { expectRefused } from './support/refused';
import { NOTICE, correctionDesk } from './support/corrections-workflow-desk';

/*
 * Proposing, approving, publishing, withdrawing and the refusals of the workflow; reading
 * corrections back is in corrections-workflow-reads.e2e.spec.ts.
 */
describe('the correction workflow over HTTP, on corpus article 002', () => {
  const desk = correctionDesk((env) => startAdminApi(env));
  const { propose, approve, correction } = desk;
  let api: RunningAdminApi;
  let editor: string;
  let standards: string;
  let otherStandards: string;
  beforeAll(() => ({ api, editor, standards, otherStandards } = desk));

  it('publishes the correction of one of five 推動(dòng) on approval, as revision 2', async () => {
    const articleId = await import002(api, 'story');
    const claimId = await captureClaim(api, articleId, { exact: NON_COAL_GROWTH });
    const claimStart = Array.from(CORPUS_002.slice(0, CORPUS_002.indexOf(NON_COAL_GROWTH))).length;

    const proposed = await propose(articleId, editor).expect(201);
    const id = proposed.body.id as string;
    expect(proposed.headers.location).toBe(`/v1/corrections/${id}`);
    expect(proposed.headers.etag).toBe('"0"');
    expect(proposed.body).toMatchObject({
      articleId,
      status: 'proposed',
      kind: 'correction',
      replacement: '推動',
      notice: NOTICE,
      claimId: null,
      publishedRevision: null,
      publishedAt: null,
      proposedBy: 'editor-li',
      version: 0,
      anchor: {
        revision: 1,
        start: PINYIN_IN_RECYCLING_AT,
        end: PINYIN_IN_RECYCLING_AT + 8,
        exact: PINYIN,
        state: 'anchored',
        utf16Start: PINYIN_IN_RECYCLING_AT,
        utf16End: PINYIN_IN_RECYCLING_AT + 8,
      },
    });
    expect(proposed.body.anchor.prefix).toMatch(/規\(guī\)模化利用,$/);

    const approved = await approve(id, otherStandards).expect(200);
    expect(approved.body).toMatchObject({
      id,
      status: 'published',
      publishedRevision: 2,
      publishedAt: expect.any(String),
      anchor: { revision: 2, start: PINYIN_IN_RECYCLING_AT, end: PINYIN_IN_RECYCLING_AT + 2 },
    });
    expect(approved.headers.etag).toBe(`"${approved.body.version}"`);
    expect(await correction(id)).toEqual(approved.body);

    const view = await request(api.url)
      .get(`/v1/articles/${articleId}/view`)
      .set('Authorization', await bearer(api, 'fact_checker'))
      .expect(200);
    expect(view.body.revision).toBe(2);
    expect(view.body.text).toBe(
      CORPUS_002.replace(`${PINYIN}綠色循環(huán)`, '推動綠色循環(huán)'),
    );
    expect(view.body.notices).toEqual([
      {
        correctionId: id,
        kind: 'correction',
        notice: NOTICE,
        revision: 2,
        publishedAt: expect.any(String),
      },
    ]);
    const { annotations } = view.body as { annotations: Array<{ id: string; anchor: unknown }> };
    const claim = annotations.find((a) => a.id === claimId)!;
    expect(claim.anchor).toMatchObject({
      revision: 2,
      state: 'anchored',
      exact: NON_COAL_GROWTH,
      start: claimStart - '(dòng)'.length,
    });
    const article = await request(api.url)
      .get(`/v1/articles/${articleId}`)
      .set('Authorization', editor)
      .expect(200);
    expect(article.body).toMatchObject({ revision: 2 });
    expect(article.body.revisions[1]).toMatchObject({ revision: 2, correctionId: id });
  });

  it('refuses 409 self_approval_forbidden to whoever proposed or amended it', async () => {
    const articleId = await import002(api, 'four-eyes');
    const byStandards = await propose(articleId, standards).expect(201);
    await expectRefused(
      api,
      () => approve(byStandards.body.id, standards),
      409,
      'self_approval_forbidden',
    );

    const byEditor = await propose(articleId, editor, { selector: PINYIN_IN_COAL_POWER }).expect(
      201,
    );
    await request(api.url)
      .patch(`/v1/corrections/${byEditor.body.id}`)
      .set('Authorization', otherStandards)
      .set('If-Match', '"0"')
      .send({ notice: `${NOTICE}（經複核）` })
      .expect(200);
    await expectRefused(
      api,
      () => approve(byEditor.body.id, otherStandards),
      409,
      'self_approval_forbidden',
    );
    const published = await approve(byEditor.body.id, standards).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      authors: ['editor-li', 'standards-zhao'],
    });
  });

  it('refuses 409 correction_orphaned once a re-import lost its passage, until amended', async () => {
    const articleId = await import002(api, 'orphaned');
    const proposed = await propose(articleId, editor).expect(201);
    const id = proposed.body.id as string;
    await request(api.url)
      .post(`/v1/articles/${articleId}/revisions`)
      .set('Authorization', editor)
      .send({
        content: CORPUS_002.replace(`${PINYIN}綠色循環(huán)產(chǎn)業(yè)集聚發(fā)展。`, ''),
        reason: '來源頁面刪去了一句',
      })
      .expect(201);
    const orphaned = await eventually(async () => {
      const current = await correction(id);
      expect(current.anchor).toMatchObject({ state: 'orphaned' });
      return current;
    });
    await expectRefused(api, () => approve(id, standards), 409, 'correction_orphaned');

    const amended = await request(api.url)
      .patch(`/v1/corrections/${id}`)
      .set('Authorization', editor)
      .set('If-Match', `"${orphaned.version}"`)
      .send({ selector: PINYIN_IN_COAL_POWER, revision: 2 })
      .expect(200);
    expect(amended.body).toMatchObject({
      status: 'proposed',
      anchor: { revision: 2, exact: PINYIN, state: 'anchored' },
    });
    expect(amended.body.anchor.prefix).toMatch(/積極$/);
    const published = await approve(id, standards).expect(200);
    expect(published.body).toMatchObject({ status: 'published', publishedRevision: 3 });
  });

  it('refuses 409 invalid_transition for what the workflow does not allow', async () => {
    const articleId = await import002(api, 'transitions');
    const published = (await propose(articleId, editor).expect(201)).body.id as string;
    await approve(published, standards).expect(200);
    const reason = { reason: '不需要' };
    const rejected = (
      await propose(articleId, editor, { selector: PINYIN_IN_COAL_POWER }).expect(201)
    ).body.id as string;
    await request(api.url)
      .post(`/v1/corrections/${rejected}/reject`)
      .set('Authorization', standards)
      .send(reason)
      .expect(200);
    const refusals = [
      () =>
        request(api.url)
          .post(`/v1/corrections/${published}/reject`)
          .set('Authorization', standards)
          .send(reason),
      () =>
        request(api.url)
          .post(`/v1/corrections/${published}/withdrawal`)
          .set('Authorization', editor)
          .send(reason),
      () =>
        request(api.url)
          .patch(`/v1/corrections/${published}`)
          .set('Authorization', editor)
          .set('If-Match', '*')
          .send({ notice: '改' }),
      () => approve(rejected, standards),
      () =>
        request(api.url)
          .post(`/v1/corrections/${rejected}/withdrawal`)
          .set('Authorization', editor)
          .send(reason),
    ];
    for (const send of refusals) await expectRefused(api, send, 409, 'invalid_transition');
  });

  it('withdraws a proposal with the editor’s reason, and leaves it out of the view', async () => {
    const articleId = await import002(api, 'withdrawn');
    const id = (await propose(articleId, editor).expect(201)).body.id as string;
    const withdrawn = await request(api.url)
      .post(`/v1/corrections/${id}/withdrawal`)
      .set('Authorization', editor)
      .set('If-Match', '"0"')
      .send({ reason: '與另一更正重複' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 1 });
    const view = await request(api.url)
      .get(`/v1/articles/${articleId}/view`)
      .set('Authorization', editor)
      .expect(200);
    expect(view.body.annotations).toEqual([]);
  });

  it('publishes an editor’s note about the whole article on the current revision', async () => {
    const articleId = await import002(api, 'note');
    const note = await request(api.url)
      .post(`/v1/articles/${articleId}/corrections`)
      .set('Authorization', editor)
      .send({ kind: 'editors_note', notice: '編者按：本文由繁簡轉換工具處理,部分拼音殘留。' })
      .expect(201);
    expect(note.body).toMatchObject({ kind: 'editors_note', anchor: null, replacement: null });
    const published = await approve(note.body.id, standards).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      publishedRevision: 1,
      anchor: null,
    });
  });
});
