import { utf16Range } from './anchor';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';

const text =
  '山西代表团在驻地举行全体会议。去年煤炭产量达到13.78亿吨，发电量4376亿千瓦时。' +
  '代表说：去年煤炭产量达到13.78亿吨，创历史新高。';

const code = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('resolving a selector', () => {
  it('fills in the quote and 32 code points of context from a position', () => {
    const anchor = resolveSelector(text, { start: 15, end: 30 });
    expect(anchor).toEqual({
      start: 15,
      end: 30,
      exact: '去年煤炭产量达到13.78亿吨',
      prefix: '山西代表团在驻地举行全体会议。',
      suffix: '，发电量4376亿千瓦时。代表说：去年煤炭产量达到13.78亿吨',
    });
    expect(Array.from(anchor.suffix)).toHaveLength(32);
  });

  it('cuts the context on grapheme cluster boundaries', () => {
    const family = '👩‍👩‍👧‍👦';
    const value = `${'甲'.repeat(28)}${family}乙${'丙'.repeat(40)}`;
    expect(resolveSelector(value, { start: 35, end: 36 })).toMatchObject({
      exact: '乙',
      prefix: `${'甲'.repeat(25)}${family}`,
    });
    // 32 code points before offset 62 would start inside the family emoji: it is left out.
    expect(resolveSelector(value, { start: 62, end: 63 }).prefix).toBe(`乙${'丙'.repeat(26)}`);
  });

  it('recomputes the context a client sends with a position', () => {
    const anchor = resolveSelector(text, { start: 15, end: 30, prefix: 'x', suffix: 'y' });
    expect(anchor.prefix).toBe('山西代表团在驻地举行全体会议。');
  });

  it('finds a quote that occurs once', () => {
    expect(resolveSelector(text, { exact: '发电量4376亿千瓦时' })).toMatchObject({
      start: 31,
      end: 42,
    });
  });

  it('chooses among repeats by the prefix and suffix that match', () => {
    const exact = '去年煤炭产量达到13.78亿吨';
    expect(resolveSelector(text, { exact, prefix: '全体会议。' }).start).toBe(15);
    expect(resolveSelector(text, { exact, suffix: '，创历史新高' }).start).toBe(47);
    expect(resolveSelector(text, { exact, prefix: '代表说：', suffix: '，发电量' }).start).toBe(47);
  });

  it('refuses repeats it cannot tell apart with quote_ambiguous', () => {
    expect(code(() => resolveSelector(text, { exact: '去年煤炭产量' }))).toBe('quote_ambiguous');
    expect(
      code(() => resolveSelector(text, { exact: '去年', prefix: '昨天', suffix: '煤炭' })),
    ).toBe('quote_ambiguous');
  });

  it('refuses a quote that is not there, or only inside a grapheme cluster, with quote_not_found', () => {
    expect(code(() => resolveSelector(text, { exact: '14亿吨' }))).toBe('quote_not_found');
    expect(code(() => resolveSelector('程序员👩‍💻加班', { exact: '💻' }))).toBe('quote_not_found');
  });

  it('accepts a position and a quote that agree, and refuses them with quote_mismatch otherwise', () => {
    expect(resolveSelector(text, { start: 15, end: 17, exact: '去年' }).exact).toBe('去年');
    expect(code(() => resolveSelector(text, { start: 15, end: 17, exact: '今年' }))).toBe(
      'quote_mismatch',
    );
  });

  it.each([
    ['start after end', { start: 5, end: 4 }, 'empty_span'],
    ['an empty span', { start: 5, end: 5 }, 'empty_span'],
    ['an empty quote', { exact: '' }, 'empty_span'],
    ['a span beyond the text', { start: 60, end: 200 }, 'span_out_of_range'],
    ['a lone surrogate in the quote', { exact: '去\ud800' }, 'invalid_unicode'],
    ['a lone surrogate in the prefix', { exact: '去年', prefix: '\udc00' }, 'invalid_unicode'],
    ['a quote not in NFC', { exact: 'e\u0301' }, 'invalid_unicode'],
    ['a start without an end', { start: 3 }, 'validation_failed'],
    ['a negative offset', { start: -1, end: 3 }, 'validation_failed'],
    ['a fractional offset', { start: 1.5, end: 3 }, 'validation_failed'],
    ['neither a position nor a quote', { prefix: '去年' }, 'validation_failed'],
  ])('refuses %s', (_, selector, expected) => {
    expect(code(() => resolveSelector(text, selector))).toBe(expected);
  });

  it('refuses a boundary inside a grapheme cluster with span_splits_grapheme', () => {
    const value = '程序员👩‍💻加班q\u0307';
    expect(code(() => resolveSelector(value, { start: 3, end: 4 }))).toBe('span_splits_grapheme');
    expect(code(() => resolveSelector(value, { start: 8, end: 9 }))).toBe('span_splits_grapheme');
    expect(resolveSelector(value, { start: 3, end: 6 }).exact).toBe('👩‍💻');
  });

  it('checks Unicode before the span, and the span before the quote (SPEC §8)', () => {
    expect(code(() => resolveSelector(text, { start: 9, end: 3, exact: '\ud800' }))).toBe(
      'invalid_unicode',
    );
    expect(code(() => resolveSelector(text, { start: 3, end: 900, exact: '不对' }))).toBe(
      'span_out_of_range',
    );
  });

  it('gives UTF-16 offsets for views', () => {
    const revision = RevisionText.of('张𠀾三说：😀好');
    const anchor = resolveSelector(revision, { exact: '好' });
    expect(anchor.start).toBe(6);
    expect(utf16Range(revision, anchor)).toEqual({ utf16Start: 8, utf16End: 9 });
  });
});
