import { Reanchoring, RevisionText, resolveSelector } from '@marginalia/anchoring';
import { cleaningEdits, pinyinGroups } from '../../bench/anchoring/artefacts';
import { readCorpus } from '../../bench/anchoring/corpus';
import { applyEdit } from '../../bench/anchoring/edits';
import { judge } from '../../bench/anchoring/judge';
import { expectationThroughCleaning } from '../../bench/anchoring/truth';

const articles = readCorpus();

function textOf(id: string): string {
  const article = articles.find((candidate) => candidate.id === id);
  if (!article) throw new Error(`No corpus article ${id}`);
  return article.text;
}

describe('the converter artefacts of corpus article 002', () => {
  const text = textOf('002');

  it('are 236 pinyin groups after Han characters, 1,239 code points; the byline is not one', () => {
    const groups = pinyinGroups(text);
    expect(groups).toHaveLength(236);
    expect(groups.reduce((sum, { length }) => sum + length, 0)).toBe(1239);
    const codePoints = Array.from(text);
    const cleaned = cleaningEdits(text).reduce(applyEdit, codePoints).join('');
    expect(cleaned.match(/\(/gu)).toEqual(['(']);
    expect(cleaned).toContain('推動高質量發展 深化全方位轉型');
    expect(cleaned.endsWith('(郭 赟)\n|')).toBe(true);
  });

  it('are absent from the other articles', () => {
    for (const id of ['000', '001', '003', '004']) expect(pinyinGroups(textOf(id))).toEqual([]);
  });

  it('cleaned away, leave no span anchored wrong, every untouched one kept', () => {
    const older = RevisionText.of(text);
    const edits = cleaningEdits(text);
    const newer = edits.reduce(applyEdit, Array.from(text)).join('');
    const reanchoring = new Reanchoring(older, newer);
    const tally = { correct: 0, wrong: 0, orphaned: 0, untouched: 0, kept: 0 };
    // Spans every 3 code points, of 1 to 60 code points.
    for (let start = 0, index = 0; start < older.length - 1; start += 3, index += 1) {
      const end = Math.min(older.length, start + 1 + (index % 60));
      const anchor = resolveSelector(older, { start, end });
      const expected = expectationThroughCleaning(edits, anchor);
      const result = reanchoring.reanchor(anchor);
      const verdict = judge(expected, result.method === 'orphaned' ? null : result.anchor);
      tally[verdict] += 1;
      if (expected.outcome === 'kept') tally.untouched += 1;
      if (expected.outcome === 'kept' && verdict === 'correct') tally.kept += 1;
    }
    expect(tally.wrong).toBe(0);
    expect(tally.kept).toBe(tally.untouched);
    // Most of what is left is a short quote that lost a gloss (SPEC: short quotes need exact
    // text) or one cut that took more than half of a span.
    expect(tally.correct).toBeGreaterThan(3 * tally.orphaned);
  });
});
