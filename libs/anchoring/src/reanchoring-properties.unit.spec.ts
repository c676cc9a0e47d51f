import fc from 'fast-check';
import { QuoteAmbiguousError } from './errors';
import { reanchor } from './reanchoring';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';

/** Fixed, so that CI runs the same cases every time; bounded, so that it stays quick. */
const RUNS = { seed: 20240308, numRuns: 300 };

/**
 * Whole grapheme clusters, none of which joins its neighbours: Chinese, CJK Extension B
 * names, emoji with ZWJ and skin tones, flags, combining marks, Latin, punctuation, breaks.
 */
const CLUSTERS = [
  '山',
  '西',
  '省',
  '发',
  '展',
  '的',
  '高',
  '质',
  '量',
  '煤',
  '炭',
  '年',
  '亿',
  '吨',
  '𠀾',
  '𠮷',
  '𡈽',
  '😀',
  '👩‍💻',
  '👍🏽',
  '👨‍👩‍👧',
  '🇨🇳',
  '🇫🇷',
  'q\u0307',
  'é',
  'n\u0303\u0323',
  'a',
  'b',
  '1',
  '3',
  '.',
  '，',
  '。',
  '“',
  '”',
  ' ',
  '\u00a0',
  '\n',
].map((cluster) => cluster.normalize('NFC'));
/** What editors and converters insert, mid-cluster included. */
const INSERTIONS = [...CLUSTERS, '\u0301', '\u200d', '🏽', '\ufe0f', '\u0307'];

const clusters = (maxLength: number) =>
  fc.array(fc.constantFrom(...CLUSTERS), { minLength: 1, maxLength });

/** A text and a span on cluster boundaries, as piece indexes and code point offsets. */
const textWithSpan = clusters(80).chain((pieces) =>
  fc
    .tuple(fc.nat(pieces.length - 1), fc.nat(pieces.length - 1))
    .map(([a, b]) => ({ pieces, from: Math.min(a, b), to: Math.max(a, b) + 1 })),
);

function offsetOf(pieces: string[], index: number): number {
  return Array.from(pieces.slice(0, index).join('')).length;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

function isClusterBoundary(text: string, codePoints: number): boolean {
  const utf16 = Array.from(text).slice(0, codePoints).join('').length;
  if (utf16 === 0 || utf16 === text.length) return true;
  return Array.from(segmenter.segment(text)).some(({ index }) => index === utf16);
}

describe('re-anchoring, for any text with astral characters, combining marks and ZWJ emoji', () => {
  it('always keeps a span untouched by an edit on the same text', () => {
    fc.assert(
      fc.property(
        textWithSpan,
        clusters(20),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        ({ pieces, from, to }, inserted, at, removed, before) => {
          const [low, high] = before ? [0, from] : [to, pieces.length];
          const editAt = low + (at % (high - low + 1));
          const editEnd = editAt + (removed % (high - editAt + 1));
          const older = pieces.join('');
          const newer = [...pieces.slice(0, editAt), ...inserted, ...pieces.slice(editEnd)].join(
            '',
          );
          const anchor = resolveSelector(older, {
            start: offsetOf(pieces, from),
            end: offsetOf(pieces, to),
          });
          const [result] = reanchor(older, newer, [anchor]);
          expect(result?.method).not.toBe('orphaned');
          if (result?.method === 'orphaned' || !result) return;
          expect(result.anchor.exact).toBe(anchor.exact);
          expect(RevisionText.of(newer).slice(result.anchor.start, result.anchor.end)).toBe(
            anchor.exact,
          );
        },
      ),
      RUNS,
    );
  });

  it('never starts or ends a re-anchored span inside a grapheme cluster', () => {
    fc.assert(
      fc.property(
        textWithSpan,
        fc.array(fc.constantFrom(...INSERTIONS), { maxLength: 6 }),
        fc.nat(),
        fc.nat(8),
        ({ pieces, from, to }, inserted, at, removed) => {
          const older = pieces.join('');
          const codePoints = Array.from(older);
          const editAt = at % (codePoints.length + 1);
          const newer = [
            ...codePoints.slice(0, editAt),
            ...inserted,
            ...codePoints.slice(editAt + removed),
          ]
            .join('')
            .normalize('NFC');
          const anchor = resolveSelector(older, {
            start: offsetOf(pieces, from),
            end: offsetOf(pieces, to),
          });
          const [result] = reanchor(older, newer, [anchor]);
          if (!result || result.method === 'orphaned') return;
          const { start, end, exact } = result.anchor;
          expect(start).toBeLessThan(end);
          expect(isClusterBoundary(newer, start)).toBe(true);
          expect(isClusterBoundary(newer, end)).toBe(true);
          expect(RevisionText.of(newer).slice(start, end)).toBe(exact);
        },
      ),
      RUNS,
    );
  });
});

describe('resolving, for any text with astral characters, combining marks and ZWJ emoji', () => {
  it('anchors the quote of a span, with its context, back to that span', () => {
    fc.assert(
      fc.property(textWithSpan, ({ pieces, from, to }) => {
        const text = pieces.join('');
        const anchor = resolveSelector(text, {
          start: offsetOf(pieces, from),
          end: offsetOf(pieces, to),
        });
        const { exact, prefix, suffix } = anchor;
        try {
          expect(resolveSelector(text, { exact, prefix, suffix })).toEqual(anchor);
        } catch (error) {
          // Only when the same quote stands elsewhere with the same whole context.
          if (!(error instanceof QuoteAmbiguousError)) throw error;
          expect(error.starts).toContain(anchor.start);
          const revision = RevisionText.of(text);
          for (const start of error.starts) {
            const end = start + (anchor.end - anchor.start);
            expect(revision.slice(start - Array.from(prefix).length, start)).toBe(prefix);
            expect(revision.slice(end, end + Array.from(suffix).length)).toBe(suffix);
          }
        }
      }),
      RUNS,
    );
  });

  it('converts every code point offset to the UTF-16 offset JavaScript uses', () => {
    fc.assert(
      fc.property(clusters(60), (pieces) => {
        const text = pieces.join('');
        const revision = RevisionText.of(text);
        const codePoints = Array.from(text);
        expect(revision.length).toBe(codePoints.length);
        for (let offset = 0; offset <= codePoints.length; offset += 1) {
          const utf16 = codePoints.slice(0, offset).join('').length;
          expect(revision.utf16Offset(offset)).toBe(utf16);
          expect(revision.codePointOffset(utf16)).toBe(offset);
        }
      }),
      RUNS,
    );
  });
});
