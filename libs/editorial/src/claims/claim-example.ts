import { CORPUS_000 } from '../articles/article-example';

/**
 * The claim of the API's documentation: corpus article 000, where 山西省省长 金湘军 answers
 * 人民日报 on the energy revolution. Offsets are those of the full corpus text (SPEC §3).
 */
export const COAL_CLAIM = {
  id: '0190f5c2-7a1e-7c3b-9d2e-5b8a4f1c2e31',
  articleId: CORPUS_000.id,
  revision: 1,
  start: 1774,
  end: 1789,
  exact: '去年煤炭产量达到13.78亿吨',
  prefix: '。统筹发展和安全,大力推进煤炭、电力和非常规天然气安全稳定供应。',
  suffix: ',发电量4376亿千瓦时,非常规天然气产量145.9亿立方米,助',
  statement: '山西省2023年煤炭产量达到13.78亿吨',
  claimant: '金湘军',
  topics: ['能源', '煤炭产量'],
};

/** The verdict a fact-checker drafts on it. */
export const COAL_VERDICT = {
  rating: 'true',
  summary: '山西省统计公报显示，2023年全省原煤产量13.78亿吨，与说法一致。',
  rationale: '省统计局公布的2023年统计公报与国家统计局分省数据一致；“煤炭产量”即原煤产量。',
  source: {
    url: 'https://tjj.shanxi.gov.cn/',
    title: '山西省2023年国民经济和社会发展统计公报',
    quote: '原煤产量13.78亿吨',
    accessedAt: '2024-03-09',
  },
};

export const EXAMPLE_USERS = {
  factChecker: 'checker-wang',
  standardsEditor: 'standards-zhang',
  editor: 'editor-li',
};
