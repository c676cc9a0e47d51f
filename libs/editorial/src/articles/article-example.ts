/** Corpus article 000 (山西日报客户端, 8 March 2024), the example of the API's documentation. */
export const CORPUS_000 = {
  id: 'e2b6c002-820f-51ce-a1ec-fd82caa61a41',
  title: '7个关键词,来看山西代表团媒体开放日',
  language: 'zh-Hans',
  publisher: '山西日报客户端',
  publishedAt: '2024-03-08T10:29:15+08:00',
  url: 'https://www.sxrbw.com/static/content/SZXW/2024-03-08/1215593765296414720.html',
  externalId: 'sxrb-1215593765296414720',
  content:
    '7个关键词,来看山西代表团媒体开放日\n\n发布时间:2024-03-08 10:29:15 | 文章来源:山西日报客户端\n\n' +
    '去年煤炭产量达到13.78亿吨,发电量4376亿千瓦时,非常规天然气产量145.9亿立方米。',
  textSha256: '878797db900b3b0162264f9fc0920e588929e22f58dbea16e1221eb14ce2cae1',
};
