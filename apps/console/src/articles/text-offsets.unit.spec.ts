import { describe, expect, it } from '@jest/globals';
import {
  codePointOffsetOfUtf16,
  countCodePoints,
  quoteSelectorOf,
  utf16OffsetsOfCodePoints,
} from './text-offsets';

const TEXT = '家👨‍👩‍👧𠮷é🇨🇳x';

describe('the API’s code points and the DOM’s UTF-16 offsets', () => {
  it('counts code points as Array.from does, astral characters as one', () => {
    expect(countCodePoints(TEXT)).toBe(Array.from(TEXT).length);
    expect(countCodePoints('')).toBe(0);
  });

  it('maps every code point to its UTF-16 offset, with one entry past the end', () => {
    const offsets = utf16OffsetsOfCodePoints(TEXT);
    const expected = [0];
    for (const character of Array.from(TEXT)) expected.push(expected.at(-1)! + character.length);
    expect(Array.from(offsets)).toEqual(expected);
  });

  it('turns a UTF-16 offset into code points, snapping out of a surrogate pair', () => {
    const before𠮷 = TEXT.indexOf('𠮷');
    const codePoint = Array.from(TEXT.slice(0, before𠮷)).length;
    expect(codePointOffsetOfUtf16(TEXT, before𠮷, 'back')).toBe(codePoint);
    expect(codePointOffsetOfUtf16(TEXT, before𠮷 + 1, 'back')).toBe(codePoint);
    expect(codePointOffsetOfUtf16(TEXT, before𠮷 + 1, 'forward')).toBe(codePoint + 1);
    expect(codePointOffsetOfUtf16(TEXT, before𠮷 + 2, 'forward')).toBe(codePoint + 1);
    expect(codePointOffsetOfUtf16(TEXT, TEXT.length + 5, 'forward')).toBe(countCodePoints(TEXT));
  });

  it('builds a selector with up to 32 code points of context on each side', () => {
    const long = `${'前'.repeat(40)}𠮷引文𠮷${'后'.repeat(40)}`;
    const selector = quoteSelectorOf(long, 40, 44);
    expect(selector).toEqual({
      start: 40,
      end: 44,
      exact: '𠮷引文𠮷',
      prefix: '前'.repeat(32),
      suffix: '后'.repeat(32),
    });
    expect(quoteSelectorOf(TEXT, 0, 1)).toMatchObject({ exact: '家', prefix: '' });
  });
});
