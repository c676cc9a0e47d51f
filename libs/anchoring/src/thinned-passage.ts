import { SHORT_QUOTE } from './passage-evidence';
import { type RevisionDiff } from './revision-diff';

/**
 * A deleted run longer than this is a cut, not a trim: a clause, or a passage in its own
 * right. Every pinyin gloss a converter leaves fits ("(chuàng)", "(shuāng)": 8), as do a
 * footnote mark, a bracketed abbreviation, a stray character or two words.
 */
export const THINNING_RUN = 8;

/**
 * What must remain of a thinned passage: at least this many code points in a row, one word of
 * it standing whole where it stood (Chinese words are mostly two characters). A remainder of
 * single characters scattered between cuts is refused: nothing of it reads as the passage.
 */
export const THINNED_WORD = 2;

/**
 * Whether the span `[start, end)` of the older text is a passage **thinned** by the revision:
 * not a short quote; its own text changed only by deletions (no insertion, no replacement
 * within it), at least two of them, each run at most 8 code points (a deletion across one of
 * its ends counts whole); and at least 2 code points in a row still there. Every word left is
 * old text, in its order, where it stood: the same passage with artefacts, marks or a few
 * words cleaned out, however small the share that remains (a re-import without a converter's
 * pinyin, "推動(dòng)高質(zhì)量發(fā)展" → "推動高質量發展", keeps 7 of 25 code points).
 *
 * One deletion is not thinning: a single cut that takes more than half of a passage leaves a
 * fragment of it, and stays under the rule of the same passage (samePassage). The caller
 * checks, as for every fuzzy place, that the diff kept the surroundings.
 */
export function thinnedPassage(diff: RevisionDiff, start: number, end: number): boolean {
  if (end - start < SHORT_QUOTE) return false;
  const edits = diff.editsInside(start, end);
  if (edits.length < 2) return false;
  let keptFrom = start;
  let longestKept = 0;
  for (const edit of edits) {
    const deleted = edit.oldEnd - edit.oldStart;
    if (edit.newEnd > edit.newStart || deleted === 0 || deleted > THINNING_RUN) return false;
    longestKept = Math.max(longestKept, edit.oldStart - keptFrom);
    keptFrom = edit.oldEnd;
  }
  longestKept = Math.max(longestKept, end - keptFrom);
  return longestKept >= THINNED_WORD;
}
