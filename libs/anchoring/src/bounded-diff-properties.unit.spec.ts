import { CONTEXT_LENGTH } from './anchor';
import { Reanchoring } from './reanchoring';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';
import {
  type RewrittenArticle,
  SeededRandom,
  randomSentences,
  rewriteSentences,
} from './testing/rewritten-articles';

interface Outcome {
  untouched: number;
  exact: number;
  /** Untouched spans orphaned: allowed only where the revision rewrote much around them. */
  orphanedUntouched: number;
  rewritten: number;
  orphanedRewritten: number;
  failures: string[];
}

/**
 * Share of the span and its 32 code points a side that the revision truly kept, the text's
 * edges counting as kept: re-anchoring trusts a diff's mapping only where it kept half
 * (docs/text-and-anchoring.md), so a short untouched sentence between two rewritten ones may
 * be orphaned, whatever the diff.
 */
function keptAround(article: RewrittenArticle, start: number, end: number): number {
  const [from, to] = [start - CONTEXT_LENGTH, end + CONTEXT_LENGTH];
  let kept = Math.max(0, -from) + Math.max(0, to - article.kept.length);
  for (let offset = Math.max(0, from); offset < Math.min(to, article.kept.length); offset += 1) {
    kept += article.kept[offset] ?? 0;
  }
  return kept / (to - from);
}

/**
 * Re-anchors random spans, each inside one sentence. A span of an untouched sentence must land
 * exactly on its text, or be orphaned when less than three quarters around it was kept; a span
 * of a rewritten sentence, whose passage is gone, must be orphaned. Anything else is a wrong
 * anchor.
 */
function reanchorSpans(article: RewrittenArticle, spans: number, random: SeededRandom): Outcome {
  const older = RevisionText.of(article.older);
  const reanchoring = new Reanchoring(older, article.newer);
  const outcome: Outcome = {
    untouched: 0,
    exact: 0,
    orphanedUntouched: 0,
    rewritten: 0,
    orphanedRewritten: 0,
    failures: [],
  };
  for (let count = 0; count < spans; count += 1) {
    const sentence = random.pick(article.sentences);
    const pieces = sentence.oldOffsets.length - 1;
    const [a, b] = [random.int(0, pieces - 1), random.int(0, pieces - 1)];
    const [from, to] = [Math.min(a, b), Math.max(a, b) + 1];
    const [start, end] = [sentence.oldOffsets[from] ?? 0, sentence.oldOffsets[to] ?? 0];
    const result = reanchoring.reanchor(resolveSelector(older, { start, end }));
    const anchored = result.method === 'orphaned' ? undefined : result.anchor;
    const where = `[${start}, ${end}) ${anchored ? `anchored at ${anchored.start}` : 'orphaned'}`;
    if (sentence.rewritten) {
      outcome.rewritten += 1;
      if (anchored) outcome.failures.push(`rewritten ${where}`);
      else outcome.orphanedRewritten += 1;
      continue;
    }
    outcome.untouched += 1;
    const newStart = sentence.newStart + start - (sentence.oldOffsets[0] ?? 0);
    if (anchored?.start === newStart && anchored.end === newStart + end - start) {
      outcome.exact += 1;
    } else if (!anchored && keptAround(article, start, end) < 0.75) {
      outcome.orphanedUntouched += 1;
    } else {
      outcome.failures.push(`untouched ${where}, its text at ${newStart}`);
    }
  }
  return outcome;
}

describe('re-anchoring through a revision that rewrites 40 % of the sentences', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'keeps spans of untouched sentences on their text, orphans the others (seed %i)',
    (seed) => {
      const random = new SeededRandom(seed);
      const article = rewriteSentences(random, randomSentences(random, 8_000), 0.4);
      const outcome = reanchorSpans(article, 150, random);
      expect(outcome.failures).toEqual([]);
      expect(outcome.orphanedRewritten).toBe(outcome.rewritten);
      expect(outcome.exact).toBeGreaterThan(0.9 * outcome.untouched);
    },
  );

  it('does so for 300 claims on a 60,000-code-point article, within seconds', () => {
    const random = new SeededRandom(60_000);
    const article = rewriteSentences(random, randomSentences(random, 61_000), 0.4);
    expect(Array.from(article.older).length).toBeGreaterThanOrEqual(60_000);
    const started = performance.now();
    const outcome = reanchorSpans(article, 300, random);
    const elapsed = performance.now() - started;
    expect(outcome.failures).toEqual([]);
    expect(outcome.orphanedRewritten).toBe(outcome.rewritten);
    expect(outcome.exact).toBeGreaterThan(0.95 * outcome.untouched);
    expect(elapsed).toBeLessThan(10_000);
  });
});
