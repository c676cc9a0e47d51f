import { type BenchAnnotation } from './annotations';
import { type Edit, applyEdit, editIsAmbiguous } from './edits';
import { type Random } from './random';

/*
 * Converter artefacts and the revision that cleans them. A Simplified→Traditional converter
 * left, after some Han characters of corpus article 002, the character's pinyin in ASCII
 * parentheses: 推動(dòng)高質(zhì)量發(fā)展. A re-import from a clean source, or a desk tool,
 * removes every such group: 推動高質量發展.
 */

export const ARTEFACT_KINDS = ['clean_artefacts', 'clean_artefacts_partly'] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/**
 * A pinyin group: "(", lower-case pinyin letters (ASCII, the tone-marked vowels of Hanyu
 * Pinyin, ü and ê, and the rare marked nasals ḿ ń ň ǹ), ")", right after a Han character.
 * Upper case is left out: "(GDP)" after a Han character is an abbreviation, not an artefact.
 * Article 002 holds 236 groups (1,239 code points); its byline "(郭 赟)" is not one.
 */
export const PINYIN_GROUP = /(?<=\p{Script=Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ]+\)/gu;

/** The pinyin groups of a text, in code points: `[at, at + length)`. */
export function pinyinGroups(text: string): { at: number; length: number }[] {
  const groups: { at: number; length: number }[] = [];
  let utf16 = 0;
  let codePoints = 0;
  for (const match of text.matchAll(PINYIN_GROUP)) {
    codePoints += Array.from(text.slice(utf16, match.index)).length;
    utf16 = match.index;
    groups.push({ at: codePoints, length: Array.from(match[0]).length });
  }
  return groups;
}

/**
 * The edits that remove every pinyin group lying wholly in `[from, to)` of the text (all of
 * it by default), the later first so that each offset holds in the text it applies to.
 */
export function cleaningEdits(text: string, from = 0, to = Infinity): Edit[] {
  return pinyinGroups(text)
    .filter(({ at, length }) => at >= from && at + length <= to)
    .reverse()
    .map(({ at, length }) => ({ kind: 'replace', at, remove: length, insert: '' }));
}

export interface CleaningRevision {
  kind: ArtefactKind;
  /** Code points of the older text where the cleaning ran. */
  stretch: { from: number; to: number };
  edits: Edit[];
  text: string;
}

/**
 * The text cleaned everywhere (`clean_artefacts`), or in one sentence or paragraph holding the
 * target annotation's start (`clean_artefacts_partly`, a desk tool run on a selection). None
 * for a text without artefacts there, or when a removal could slide along repeated characters
 * (no diff could know its place; none does in article 002).
 */
export function makeCleaningRevision(
  text: string,
  kind: ArtefactKind,
  target: BenchAnnotation,
  random: Random,
): CleaningRevision | undefined {
  let codePoints = Array.from(text);
  const stretch =
    kind === 'clean_artefacts'
      ? { from: 0, to: codePoints.length }
      : unitAround(codePoints, target.start, random.chance(0.5) ? 'sentence' : 'paragraph');
  const edits = cleaningEdits(text, stretch.from, stretch.to);
  if (edits.length === 0) return undefined;
  for (const edit of edits) {
    if (editIsAmbiguous(codePoints, edit)) return undefined;
    codePoints = applyEdit(codePoints, edit);
  }
  return { kind, stretch, edits, text: codePoints.join('') };
}

const SENTENCE_END = /^[。！？；]$/u;

/**
 * The sentence (up to and including 。！？ or ；) or the paragraph (in article 002, one line,
 * paragraphs were joined by a space after their full stop) holding `offset`.
 */
function unitAround(
  text: readonly string[],
  offset: number,
  unit: 'sentence' | 'paragraph',
): { from: number; to: number } {
  const ends = (index: number) =>
    unit === 'sentence'
      ? SENTENCE_END.test(text[index] ?? '')
      : text[index] === '\n' || (text[index] === ' ' && text[index - 1] === '。');
  let from = offset;
  while (from > 0 && !ends(from - 1)) from -= 1;
  let to = offset;
  while (to < text.length && !ends(to)) to += 1;
  return { from, to: Math.min(text.length, to + 1) };
}
