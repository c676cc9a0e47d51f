import fc from 'fast-check';
import { reanchor } from './reanchoring';
import { resolveSelector } from './selector';
import { THINNED_WORD, THINNING_RUN } from './thinned-passage';

/** Fixed, so that CI runs the same cases every time; bounded, so that it stays quick. */
const RUNS = { seed: 20240308, numRuns: 300 };

/** The words of a clean text: Han (astral names included), emoji, full-width punctuation. */
const WORDS = [
  '推',
  '動',
  '高',
  '質',
  '量',
  '發',
  '展',
  '陽',
  '泉',
  '產',
  '業',
  '𠀾',
  '𠮷',
  '😀',
  '👩‍💻',
  '，',
  '。',
  '“',
  '”',
];
/** What a converter or a capture leaves between them: pinyin glosses, marks, stray letters. */
const LETTERS = [
  '(',
  ')',
  'd',
  'o',
  'ò',
  'n',
  'g',
  'z',
  'h',
  'ì',
  'f',
  'ā',
  'ǎ',
  'ü',
  '[',
  '1',
  ']',
];

/**
 * A clean text, and an older revision of it with runs of artefact letters after some of its
 * clusters (never two runs together): the newer text is the older one cleaned.
 */
const cleaning = (shortest: number, longest: number) =>
  fc
    .array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 60 })
    .chain((words) =>
      fc.record({
        words: fc.constant(words),
        runs: fc.array(
          fc.option(
            fc.array(fc.constantFrom(...LETTERS), { minLength: shortest, maxLength: longest }),
            {
              freq: 2,
            },
          ),
          { minLength: words.length, maxLength: words.length },
        ),
      }),
    )
    .chain(({ words, runs }) => {
      // Each code point of the older text: its cluster, and the run it belongs to (or -1).
      const pieces: { text: string; run: number }[] = [];
      words.forEach((word, index) => {
        pieces.push({ text: word, run: -1 });
        for (const letter of runs[index] ?? []) pieces.push({ text: letter, run: index });
      });
      return fc
        .tuple(fc.nat(pieces.length - 1), fc.nat(pieces.length - 1))
        .map(([a, b]) => ({ words, pieces, from: Math.min(a, b), to: Math.max(a, b) + 1 }));
    });

interface Case {
  words: string[];
  pieces: { text: string; run: number }[];
  from: number;
  to: number;
}

/** The case's texts, span, and what truly became of the span (artefact letters removed). */
function play({ words, pieces, from, to }: Case) {
  const older = pieces.map(({ text }) => text).join('');
  const newer = words.join('');
  const codePoints = (list: { text: string }[]) =>
    Array.from(list.map(({ text }) => text).join('')).length;
  const start = codePoints(pieces.slice(0, from));
  const end = codePoints(pieces.slice(0, to));
  const clean = (list: typeof pieces) => codePoints(list.filter(({ run }) => run < 0));
  const truth = { start: clean(pieces.slice(0, from)), end: clean(pieces.slice(0, to)) };
  const inside = pieces.slice(from, to);
  const runsTouched = new Set(inside.filter(({ run }) => run >= 0).map(({ run }) => run));
  const runLengths = [...runsTouched].map(
    (run) => pieces.filter((piece) => piece.run === run).length,
  );
  let longestKept = 0;
  let kept = 0;
  for (const piece of inside) {
    kept = piece.run < 0 ? kept + Array.from(piece.text).length : 0;
    longestKept = Math.max(longestKept, kept);
  }
  const anchor = resolveSelector(older, { start, end });
  const [result] = reanchor(older, newer, [anchor]);
  if (!result) throw new Error('No result');
  return { result, start, end, truth, runLengths, longestKept };
}

describe('re-anchoring through a cleaning that only deletes, for any text', () => {
  it('anchors exactly on what remains, or orphans; never elsewhere', () => {
    fc.assert(
      fc.property(cleaning(1, THINNING_RUN), (generated) => {
        const { result, start, end, truth, runLengths, longestKept } = play(generated);
        const remains = truth.end - truth.start;
        if (runLengths.length === 0) {
          // Untouched: kept exactly.
          expect(result.method).not.toBe('orphaned');
        }
        if (result.method !== 'orphaned') {
          expect({ start: result.anchor.start, end: result.anchor.end }).toEqual(truth);
          return;
        }
        const thinned = end - start >= 8 && runLengths.length >= 2 && longestKept >= THINNED_WORD;
        const samePassage = end - start >= 8 && 2 * remains >= end - start;
        expect(thinned || samePassage).toBe(false);
      }),
      RUNS,
    );
  });

  it('orphans a span that kept less than half when a deleted run in it is longer than 8', () => {
    fc.assert(
      fc.property(cleaning(THINNING_RUN + 1, 14), (generated) => {
        const { result, start, end, truth, runLengths } = play(generated);
        if (result.method !== 'orphaned') {
          expect({ start: result.anchor.start, end: result.anchor.end }).toEqual(truth);
        }
        const lessThanHalf = 2 * (truth.end - truth.start) < end - start;
        if (runLengths.length > 0 && lessThanHalf) expect(result.method).toBe('orphaned');
      }),
      RUNS,
    );
  });
});
