import { reanchor } from './reanchoring';
import { RevisionDiff } from './revision-diff';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';
import { THINNING_RUN, thinnedPassage } from './thinned-passage';

/**
 * Excerpts of two paragraphs of corpus article 002 as captured: the pinyin a Simplified→Traditional
 * converter left after some characters ("推動(dòng)") included.
 */
const captured =
  '12月3日上午,省委宣傳部、省政府新聞辦公室在太原組織召開“推動(dòng)高質(zhì)量發(fā)展 深化全方位' +
  '轉(zhuǎn)型”系列主題第二十五場(chǎng)、陽泉專場(chǎng)新聞發(fā)布會(huì)。市委副書記、市長(zhǎng)劉文華作主' +
  '題發(fā)布,介紹陽泉高質(zhì)量發(fā)展新進(jìn)展新成效,并回答記者提問。 劉文華介紹,陽泉堅(jiān)持加快構' +
  '(gòu)建現(xiàn)代化產(chǎn)業(yè)體系,聚焦打造“三集群、兩基地”,著力培育轉(zhuǎn)型發(fā)展新動(dòng)能。聚' +
  '力打造數(shù)字經(jīng)濟(jì)產(chǎn)業(yè)集群,以數(shù)智新城建設(shè)為牽引,加快構(gòu)筑差異化轉(zhuǎn)型優(yōu)勢(shì),' +
  '2023年數(shù)字經(jīng)濟(jì)核心產(chǎn)業(yè)增加值增速達(dá)11.7%。';

/** A pinyin group right after a Han character, as the re-import from a clean source drops it. */
const GLOSS = /(?<=\p{Script=Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/gu;
const cleaned = captured.replace(GLOSS, '');

/** The anchor on the first occurrence of `exact` in `text`. */
function spanOf(exact: string, text = captured) {
  const at = text.indexOf(exact);
  if (at < 0) throw new Error(`"${exact}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return resolveSelector(text, { start, end: start + Array.from(exact).length });
}

function follow(exact: string, newer = cleaned, older = captured) {
  const [result] = reanchor(older, newer, [spanOf(exact, older)]);
  if (!result) throw new Error('No result');
  return result;
}

function diffOf(older: string, newer: string) {
  return new RevisionDiff(RevisionText.of(older), RevisionText.of(newer));
}

describe('a passage thinned by a re-import without converter artefacts', () => {
  it('counts 38 pinyin groups in these paragraphs, and the cleaned text keeps no bracket', () => {
    expect(captured.match(GLOSS)).toHaveLength(38);
    expect(cleaned).not.toMatch(/[()]/u);
  });

  it('anchors, as fuzzy with a score, on what remains of a passage that lost its glosses', () => {
    const result = follow('推動(dòng)高質(zhì)量發(fā)展');
    expect(result.method).toBe('fuzzy');
    expect(result.method !== 'orphaned' && result.anchor).toEqual(
      spanOf('推動高質量發展', cleaned),
    );
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(1);
  });

  it('follows a whole clause that kept 15 of its 36 code points', () => {
    const result = follow('陽泉堅(jiān)持加快構(gòu)建現(xiàn)代化產(chǎn)業(yè)體系');
    expect(result.method !== 'orphaned' && result.anchor.exact).toBe(
      '陽泉堅持加快構建現代化產業體系',
    );
  });

  it('moves a boundary that fell inside a removed group to the edge of the group', () => {
    expect(follow('ng)高質(zhì)量發(fā)展 深化')).toMatchObject({
      method: 'fuzzy',
      anchor: spanOf('高質量發展 深化', cleaned),
    });
    expect(follow('數(shù)字經(jīng)濟(jì)核心產(chǎn)業(yè)增加值增速達(dá')).toMatchObject({
      anchor: spanOf('數字經濟核心產業增加值增速達', cleaned),
    });
  });

  it('keeps a span untouched by the removals exactly, and orphans a span made only of one', () => {
    expect(follow('陽泉專')).toMatchObject({
      method: 'shifted',
      anchor: spanOf('陽泉專', cleaned),
    });
    expect(follow('(dòng)')).toMatchObject({ method: 'orphaned', reason: 'text_deleted' });
  });

  it('also follows a passage where only one sentence was cleaned', () => {
    const sentence = '劉文華介紹,陽泉堅(jiān)持加快構(gòu)建現(xiàn)代化產(chǎn)業(yè)體系,';
    const newer = captured.replace(sentence, sentence.replace(GLOSS, ''));
    expect(follow('堅(jiān)持加快構(gòu)建現(xiàn)代化', newer)).toMatchObject({
      method: 'fuzzy',
      anchor: { exact: '堅持加快構建現代化' },
    });
    expect(follow('推動(dòng)高質(zhì)量發(fā)展', newer)).toMatchObject({ method: 'unchanged' });
  });
});

describe('what thinning does not cover', () => {
  it('leaves a short quote that lost a gloss orphaned: short quotes need exact text', () => {
    expect(follow('質(zhì)量')).toMatchObject({ method: 'orphaned', reason: 'text_changed' });
    expect(follow('進(jìn)展新')).toMatchObject({ method: 'orphaned' });
  });

  it('leaves one cut that took more than half of a passage to the rule of the same passage', () => {
    expect(follow('堅(jiān)持')).toMatchObject({ method: 'orphaned', reason: 'text_changed' });
    const cut = captured.replace('(jiān)持加快構(gòu)建現(xiàn)代化', '');
    expect(follow('陽泉堅(jiān)持加快構(gòu)建現(xiàn)', cut)).toMatchObject({
      method: 'orphaned',
    });
  });

  it('refuses a deleted run longer than 8 code points: a cut, not a trim', () => {
    const exact = '陽泉堅(jiān)持加快構(gòu)建現(xiàn)代化產(chǎn)業(yè)體系';
    const newer = captured.replace(exact, '陽泉堅持產業體系');
    expect(follow(exact, newer)).toMatchObject({ method: 'orphaned', reason: 'text_changed' });
  });

  it('refuses a passage with an insertion among the deletions', () => {
    const exact = '陽泉堅(jiān)持加快構(gòu)建現(xiàn)代化產(chǎn)業(yè)體系';
    const newer = captured.replace(exact, '陽泉堅持加快構建新型現代化產業體系');
    expect(follow(exact, newer)).toMatchObject({ method: 'orphaned', reason: 'text_changed' });
  });

  it('orphans a passage whose remains are single characters between cuts', () => {
    // 16 code points thinned to "產業": 產 and 業 each stand alone between two removals.
    expect(follow('(jì)產(chǎn)業(yè)')).toMatchObject({
      method: 'orphaned',
      reason: 'text_changed',
    });
  });
});

describe('thinnedPassage', () => {
  const older = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
  const thinned = (newer: string, start = 0, end = 20) =>
    thinnedPassage(diffOf(older, newer), start, end);

  it('holds for two or more short deletions that leave a word in place', () => {
    expect(thinned('甲乙己庚子丑')).toBe(true);
    // A deletion across the span's start counts whole: 甲乙丙 is a run of 3.
    expect(thinned('丁戊己辛壬癸子丑寅卯辰巳午未申酉', 2, 12)).toBe(true);
  });

  it(`allows runs of up to ${THINNING_RUN} code points, not more`, () => {
    expect(thinned(`甲乙${older.slice(10, 19)}`)).toBe(true); // runs of 8 and 1
    expect(thinned(`甲${older.slice(10, 19)}`)).toBe(false); // runs of 9 and 1
    expect(thinned(`${older.slice(9, 14)}辰巳午未申酉`, 2, 12)).toBe(false); // across: 9
  });

  it('does not hold for one deletion, an insertion, a replacement or a short quote', () => {
    expect(thinned(older.slice(0, 4) + older.slice(10))).toBe(false);
    expect(thinned('甲乙新己庚子丑')).toBe(false);
    expect(thinned('甲乙丙丁戊新庚辛壬癸子丑')).toBe(false);
    expect(thinned('甲乙丁戊庚', 0, 7)).toBe(false);
  });

  it('does not hold when no two kept code points stand together', () => {
    expect(thinned(`甲丙戊庚壬${older.slice(10)}`, 0, 10)).toBe(false);
  });
});
