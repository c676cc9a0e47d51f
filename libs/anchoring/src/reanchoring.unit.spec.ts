import { resolveSelector } from './selector';
import { reanchor } from './reanchoring';
import { reanchorByQuote } from './reanchor-by-quote';

const article = [
  '3月6日下午，山西代表团在驻地举行全体会议，审查计划报告和预算报告，向中外媒体开放。',
  '去年全省煤炭产量达到13.78亿吨，发电量4376亿千瓦时，非常规天然气产量145.9亿立方米，助力国家能源安全。',
  '代表们表示，要坚持以高质量发展为主线，全方位推动高质量发展，奋力书写中国式现代化山西篇章。',
  '关键词六',
  '乡村振兴方面，今年将有力有效推进乡村全面振兴，学习运用“千万工程”经验，建设宜居宜业和美乡村。',
].join('\n\n');

function replaced(text: string, quote: string, replacement: string): string {
  if (!text.includes(quote)) throw new Error(`"${quote}" is not in the text`);
  return text.replace(quote, replacement);
}

function follow(exact: string, newer: string, older = article) {
  const anchor = resolveSelector(older, { exact });
  const [result] = reanchor(older, newer, [anchor]);
  if (!result) throw new Error('No result');
  return result;
}

describe('re-anchoring an annotation in a new revision', () => {
  it('is unchanged when the text changed only after it', () => {
    const newer = replaced(article, '宜居宜业', '宜居宜业宜游');
    expect(follow('发电量4376亿千瓦时', newer)).toMatchObject({
      method: 'unchanged',
      score: 1,
      anchor: resolveSelector(newer, { exact: '发电量4376亿千瓦时' }),
    });
  });

  it('shifts with its text when text was inserted before it, its context recomputed', () => {
    const newer = replaced(article, '山西代表团', '山西省代表团');
    const result = follow('发电量4376亿千瓦时', newer);
    expect(result).toMatchObject({ method: 'shifted', score: 1 });
    expect(result.method !== 'orphaned' && result.anchor).toEqual(
      resolveSelector(newer, { exact: '发电量4376亿千瓦时' }),
    );
  });

  it('follows its paragraph when the paragraph moved', () => {
    const paragraphs = article.split('\n\n');
    const newer = [paragraphs[4], paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[3]].join(
      '\n\n',
    );
    const result = follow('学习运用“千万工程”经验', newer);
    expect(result.method).toBe('exact_quote');
    expect(result.method !== 'orphaned' && result.anchor.start).toBe(newer.indexOf('学习运用'));
  });

  it('follows a short heading moved whole', () => {
    const newer = replaced(replaced(article, '关键词六\n\n', ''), '3月6日', '关键词六\n\n3月6日');
    const result = follow('关键词六', newer);
    expect(result.method !== 'orphaned' && result.anchor.start).toBe(0);
  });

  it('covers the corrected text, as fuzzy, when a correction edits a long quote', () => {
    const exact = '去年全省煤炭产量达到13.78亿吨，发电量4376亿千瓦时';
    const newer = replaced(article, '13.78亿吨', '13.87亿吨');
    const result = follow(exact, newer);
    expect(result.method).toBe('fuzzy');
    expect(result.method !== 'orphaned' && result.anchor.exact).toBe(
      '去年全省煤炭产量达到13.87亿吨，发电量4376亿千瓦时',
    );
    expect(result.score).toBeGreaterThan(0.9);
  });

  it('is orphaned when a correction changes a short quote such as a figure', () => {
    const newer = replaced(article, '13.78亿吨', '14亿吨');
    expect(follow('13.78亿吨', newer)).toMatchObject({
      method: 'orphaned',
      reason: 'text_changed',
    });
  });

  it('is orphaned when its text was deleted', () => {
    const newer = replaced(article, '非常规天然气产量145.9亿立方米，', '');
    expect(follow('145.9亿立方米', newer)).toMatchObject({
      method: 'orphaned',
      reason: 'text_deleted',
    });
  });

  it('does not jump to the same words elsewhere when its own sentence was rewritten', () => {
    const exact = '全方位推动高质量发展';
    const newer = replaced(article, '全方位推动高质量发展，', '聚焦转型发展，');
    const result = follow(exact, newer);
    expect(result.method).toBe('orphaned');
  });

  it('does not take a repeated phrase for its passage when its own text was corrected', () => {
    const older = `${article}\n\n今年还将推进乡村全面振兴。`;
    const anchor = resolveSelector(older, { exact: '乡村全面振兴', suffix: '，学习' });
    const newer = replaced(older, '有力有效推进乡村全面振兴', '有力有效推进乡村振兴');
    expect(reanchor(older, newer, [anchor])[0]).toMatchObject({ method: 'orphaned' });
  });

  it('stays on its text when the diff could read a deletion next to it either way', () => {
    // Deleting "高质量发展为主线，全方位推动" or "质量发展为主线，全方位推动高" gives the same text.
    const older = article;
    const exact = '高质量发展，奋力书写';
    const newer = replaced(older, '高质量发展为主线，全方位推动', '');
    const result = follow(exact, newer, older);
    expect(result).toMatchObject({ method: 'shifted' });
    expect(result.method !== 'orphaned' && result.anchor.exact).toBe(exact);
  });

  it('counts offsets in code points when astral characters come before it', () => {
    const newer = replaced(article, '山西代表团', '山西代表𠀾团😀');
    const result = follow('发电量4376亿千瓦时', newer);
    expect(result.method !== 'orphaned' && result.anchor.start).toBe(
      Array.from(newer.slice(0, newer.indexOf('发电量'))).length,
    );
  });

  it('refuses an anchor whose quote is not the older text with quote_mismatch', () => {
    expect(() => reanchor(article, article, [{ start: 0, end: 2, exact: '不对' }])).toThrow(
      expect.objectContaining({ code: 'quote_mismatch' }),
    );
  });
});

describe('retrying an orphan on a later revision by exact quote and context', () => {
  const anchor = resolveSelector(article, { exact: '发电量4376亿千瓦时' });

  it('finds the quote where its context stands', () => {
    const later = `新的导语。\n\n${article}`;
    expect(reanchorByQuote(later, anchor)).toMatchObject({
      method: 'exact_quote',
      anchor: { start: anchor.start + 7, exact: '发电量4376亿千瓦时' },
    });
  });

  it('stays orphaned when only the words recur, in another context', () => {
    const later = '报告显示：发电量4376亿千瓦时。';
    expect(reanchorByQuote(later, anchor)).toMatchObject({
      method: 'orphaned',
      reason: 'context_changed',
    });
  });

  it('stays orphaned when the quote is gone, or stands twice in the same context', () => {
    expect(reanchorByQuote('全新的文章', anchor)).toMatchObject({ reason: 'quote_not_found' });
    const twice = `${anchor.prefix}${anchor.exact}${anchor.suffix}\n${anchor.prefix}${anchor.exact}${anchor.suffix}`;
    expect(reanchorByQuote(twice, anchor)).toMatchObject({ reason: 'quote_ambiguous' });
  });
});

describe('an untouched sentence between two rewritten ones', () => {
  const before = '今年全省粮食总产量再创新高，达到三百亿斤以上。';
  const kept = '第七项：全省新能源装机容量突破五千万千瓦。';
  const after = '城乡居民收入增长与经济增长基本同步，就业形势总体稳定。';
  const older = `开头一段没有改动，写的是会议的时间和地点。${before}${kept}${after}结尾一段也没有改动。`;
  const rewrittenAround = older
    .replace(before, '粮食生产方面，各地抓好春耕备耕，确保面积稳定、单产提升。')
    .replace(after, '民生支出占一般公共预算支出的比重保持在八成左右。');

  it('is followed to its text when the text occurs once in each revision', () => {
    const anchor = resolveSelector(older, { exact: kept });
    const [result] = reanchor(older, rewrittenAround, [anchor]);
    expect(result).toMatchObject({ method: 'shifted', anchor: { exact: kept } });
    const start = Array.from(rewrittenAround.slice(0, rewrittenAround.indexOf(kept))).length;
    expect(result).toMatchObject({ anchor: { start } });
  });

  it('is orphaned when its text occurs twice in the newer revision', () => {
    const anchor = resolveSelector(older, { exact: kept });
    const twice = rewrittenAround.replace('结尾一段也没有改动。', `结尾一段：${kept}`);
    const [result] = reanchor(older, twice, [anchor]);
    expect(result).toMatchObject({ method: 'orphaned' });
  });
});
