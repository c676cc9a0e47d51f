import fc from 'fast-check';
import { RevisionText } from './revision-text';

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The truth: Intl.Segmenter over the whole text, as UTF-16 offsets. */
function segmenterBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) boundaries.add(index);
  return boundaries;
}

/** Pieces whose clusters span several code points, several UTF-16 units, or both. */
const PIECES = [
  '🇺🇸', // a flag: two regional indicators
  '🇫', // a lone regional indicator, which pairs with whatever indicator follows
  '👩‍💻', // ZWJ sequence
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '👍🏽', // skin tone
  '👋🏿',
  '#️⃣', // keycap
  '\u1100', // Hangul choseong (L)
  '\u1161', // jungseong (V)
  '\u11a8', // jongseong (T)
  '한',
  '가',
  '\u0301', // combining acute
  '\u0323',
  'e\u0301',
  '𠀾', // CJK Extension B
  '𠮷',
  '中',
  'a',
  ' ',
  '\r\n',
  '\n',
  'क्ष', // an Indic conjunct
  'ि',
  '\u200d', // a ZWJ on its own
  '\ufe0f',
];

/**
 * Pieces that may join their neighbours whatever they are: runs of them hold no boundary that is
 * certain without segmenting, so they are segmented in chunks, and the chunks' edges fall inside
 * them, between the halves of surrogate pairs too.
 */
const JOINERS = [
  '🇺🇸',
  '🇫',
  '🏽',
  '\u1100',
  '\u1161',
  '\u11a8',
  '한',
  '가',
  '\u0301',
  '\u200d',
  '\ufe0f',
];

const texts = (pieces: string[]) =>
  fc
    .tuple(
      fc.nat({ max: 300 }),
      fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 400, size: 'max' }),
    )
    .map(([shift, chosen]) => 'x'.repeat(shift) + chosen.join(''));

function mismatches(value: string): Array<[number, boolean]> {
  const text = RevisionText.of(value);
  const expected = segmenterBoundaries(value);
  const wrong: Array<[number, boolean]> = [];
  for (let offset = 0; offset <= text.length; offset += 1) {
    const found = text.isGraphemeBoundary(offset);
    if (found !== expected.has(text.utf16Offset(offset))) wrong.push([offset, found]);
  }
  return wrong;
}

describe('grapheme cluster boundaries', () => {
  it('agree with Intl.Segmenter at every offset of mixed text', () => {
    fc.assert(
      fc.property(texts(PIECES), (value) => {
        expect(mismatches(value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('agree with Intl.Segmenter at every offset, wherever the segmenting chunks are cut', () => {
    fc.assert(
      fc.property(texts(JOINERS), (value) => {
        expect(mismatches(value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('agree when a surrogate pair straddles the edge of a segmenting chunk', () => {
    // 가 then flags: the 256th UTF-16 unit is the first half of a regional indicator.
    const value = '가' + '🇺🇸🇫🇷🇩🇪🇯🇵'.repeat(50);
    expect(mismatches(value)).toEqual([]);
    const text = RevisionText.of(value);
    expect(text.isGraphemeBoundary(128)).toBe(false);
    expect(text.isGraphemeBoundary(129)).toBe(true);
    expect(text.isGraphemeBoundary(131)).toBe(true);
  });

  it.each([
    ['flags', '🇺🇸'],
    ['ZWJ sequences', '👩‍💻'],
    ['Hangul jamo', '\u1100\u1161\u11a8'],
    ['CJK Extension B', '𠀾'],
  ])('agree at every offset of a long run of %s after every shift', (_, unit) => {
    for (let shift = 0; shift < 4; shift += 1) {
      expect(mismatches('a'.repeat(shift) + unit.repeat(700))).toEqual([]);
    }
  });
});
