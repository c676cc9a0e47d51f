import { PAIR_WORK, boundedDiff } from './bounded-diff';
import { Reanchoring } from './reanchoring';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';
import { SeededRandom } from './testing/rewritten-articles';

const HAN =
  '推动高质量发展深化全方位转型系列主题新闻发布会市委副书记市长作主题介绍阳泉新进展新成效';

/** `length` Han characters, each followed by a letter from `letters`: no four units in common. */
function interleaved(length: number, letters: string): string {
  return Array.from(
    { length },
    (_, i) => (HAN[i % HAN.length] ?? '') + letters[i % letters.length],
  ).join('');
}

describe('the bounded diff', () => {
  it('shares identical texts whole', () => {
    const text = '山西省煤炭产量13.78亿吨。\n\n👩‍💻 emoji.';
    expect(boundedDiff(text, text)).toEqual({
      stretches: [{ oldStart: 0, newStart: 0, length: text.length }],
      unaligned: [],
    });
  });

  it('never ends a common start or end inside a surrogate pair', () => {
    // 😀 and 😁 share their high surrogate, which stays with the edit.
    const { stretches } = boundedDiff('a😀b', 'a😁b');
    expect(stretches).toEqual([
      { oldStart: 0, newStart: 0, length: 1 },
      { oldStart: 3, newStart: 3, length: 1 },
    ]);
  });

  it('aligns a huge line without punctuation after a character added at its start', () => {
    // Four characters: every four of them recur, so only chunks cut by content can align it.
    const random = new SeededRandom(14);
    const line = Array.from({ length: 20_000 }, () => HAN[random.int(0, 3)]).join('');
    const { stretches, unaligned } = boundedDiff(
      `${line}。`,
      `新${line.slice(0, 10_000)}改${line.slice(10_000)}。`,
    );
    expect(unaligned).toEqual([]);
    const shared = stretches.reduce((sum, { length }) => sum + length, 0);
    expect(shared).toBeGreaterThan(line.length - 20);
  });

  it('leaves a block pair over the budget unaligned, and says where', () => {
    const [older, newer] = [interleaved(400, 'abcdefghij'), interleaved(400, '0123456789')];
    expect(older.length * newer.length).toBeGreaterThan(PAIR_WORK);
    const diff = boundedDiff(`前文。${older}。后文。`, `前文。${newer}。后文。`);
    expect(diff.unaligned).toEqual([{ oldStart: 4, oldEnd: 803, newStart: 4, newEnd: 803 }]);
  });

  it('orphans a span reaching into an unaligned block rather than cut it at the block', () => {
    // "推a动" became "推0动": the span's 动 is still there, but the diff cannot say where.
    const lead = '本报讯记者从省政府新闻办获悉全省经济运行稳中有进';
    const older = RevisionText.of(`${lead}${interleaved(400, 'abcdefghij')}。`);
    const newer = `${lead}${interleaved(400, '0123456789')}。`;
    const start = Array.from(lead).length - 10;
    const span = resolveSelector(older, { start, end: start + 13 });
    expect(span.exact).toBe('办获悉全省经济运行稳中有进推a动'.slice(-13));
    expect(new Reanchoring(older, newer).reanchor(span)).toMatchObject({ method: 'orphaned' });
  });
});
