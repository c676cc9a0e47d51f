import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type RunningAdminApi } from '../../support/admin-api';

export const CORPUS_000 = readFileSync(
  join(__dirname, '..', '..', '..', 'corpus', '000_d9281aa7de545bf9.txt'),
  'utf8',
);

export const COAL_CLAIM = '去年煤炭产量达到13.78亿吨';

/** An import of corpus article 000, as 山西日报客户端 published it; `n` varies its source URL. */
export function importOf000(n: number | string = 1) {
  return {
    title: '7个关键词,来看山西代表团媒体开放日',
    language: 'zh-Hans',
    format: 'text',
    content: CORPUS_000,
    source: {
      url: `https://www.sxrbw.com/static/content/SZXW/2024-03-08/1215593765296414720-${n}.html`,
      publisher: '山西日报客户端',
      publishedAt: '2024-03-08T10:29:15+08:00',
    },
  };
}

export const reimportOf000 = {
  content: CORPUS_000.replace(COAL_CLAIM, `${COAL_CLAIM}(原煤)`),
  reason: '来源页面补充了统计口径',
};

/** Imports corpus 000 as the editor; answers the article. */
export async function importArticle(api: RunningAdminApi, n: number | string = 1) {
  const response = await request(api.url)
    .post('/v1/articles')
    .set('Authorization', `Bearer ${await api.token('editor')}`)
    .send(importOf000(n))
    .expect(201);
  return response.body as { id: string; version: number; revision: number };
}
