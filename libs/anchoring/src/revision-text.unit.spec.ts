import { RevisionText } from './revision-text';

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

function segmenterBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) boundaries.add(index);
  return boundaries;
}

describe('a revision text', () => {
  it('counts code points, as the SPEC counts offsets', () => {
    const text = RevisionText.of('张𠀾三说😀');
    expect(text.length).toBe(5);
    expect(text.slice(1, 2)).toBe('𠀾');
    expect(text.codePointAt(4)).toBe(0x1f600);
  });

  it('converts code point offsets to UTF-16 offsets and back', () => {
    const value = 'a𠀾b😀c👩‍💻d';
    const text = RevisionText.of(value);
    const codePoints = Array.from(value);
    for (let offset = 0; offset <= codePoints.length; offset += 1) {
      const utf16 = codePoints.slice(0, offset).join('').length;
      expect(text.utf16Offset(offset)).toBe(utf16);
      expect(text.codePointOffset(utf16)).toBe(offset);
    }
  });

  it('has UTF-16 offsets equal to code point offsets when nothing is astral', () => {
    const text = RevisionText.of('去年煤炭产量达到13.78亿吨');
    expect(text.utf16Offset(10)).toBe(10);
  });

  it.each([
    ['Chinese with astral names', '张𠀾、李𠮷和王五说：“好。”\n\n下一段'],
    ['emoji with ZWJ, skin tones and keycaps', '👩‍👩‍👧‍👦 👍🏽 #️⃣ ❤️ 🏳️‍🌈 a😀b'],
    ['flags in a row', '🇫🇷🇩🇪🇨🇳🇯🇵x🇺🇸'],
    ['combining marks', 'q\u0307\u0323 a\u0301\u0302\u0303 x'],
    ['CR LF, Korean jamo and syllables', 'a\r\nb\rc\n한국어 ᄀ\u1161\u11a8'],
    ['Indic conjuncts', 'क्षत्रिय हिन्दी ਪੰਜਾਬੀ'],
    ['a long run of combining marks', `e${'\u0301'.repeat(600)}x${'\u0300'.repeat(5)}`],
    ['a long run of flags', '🇫🇷'.repeat(400)],
  ])('finds the same grapheme cluster boundaries as Intl.Segmenter in %s', (_, value) => {
    const text = RevisionText.of(value);
    const expected = segmenterBoundaries(value);
    for (let offset = 0; offset <= text.length; offset += 1) {
      expect([offset, text.isGraphemeBoundary(offset)]).toEqual([
        offset,
        expected.has(text.utf16Offset(offset)),
      ]);
    }
  });

  it('finds the nearest boundaries around an offset inside a cluster', () => {
    const text = RevisionText.of('a👩‍💻b');
    expect(text.boundaryAtOrBefore(2)).toBe(1);
    expect(text.boundaryAtOrAfter(2)).toBe(4);
  });
});
