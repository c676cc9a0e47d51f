/**
 * Corpus article 002 (陽泉專場新聞發布會), the example of the corrections' documentation: a
 * converter left pinyin such as 推動(dòng) in the text five times; this correction fixes one.
 */
export const CORPUS_002 = {
  id: 'bb8c134f-824e-5c3c-982e-8f2320c68331',
  correctionId: '0190f5c2-7b3e-7c41-9d2a-4f6b8e1a2c3d',
  selector: { exact: '推動(dòng)', prefix: '規(guī)模化利用,', suffix: '綠色循環(huán)' },
  anchor: {
    revision: 1,
    start: 1001,
    end: 1009,
    exact: '推動(dòng)',
    prefix: '地,加快粉煤灰、煤矸石、脫硫石膏等大宗固廢規(guī)模化利用,',
    suffix: '綠色循環(huán)產(chǎn)業(yè)集聚發(fā)展。近',
    state: 'anchored',
    utf16Start: 1001,
    utf16End: 1009,
  },
  replacement: '推動',
  notice: '更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」。',
};
