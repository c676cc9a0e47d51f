import { agreementAfter, agreementBefore } from './context-agreement';
import { occurrencesOf } from './occurrences';
import { SHORT_QUOTE } from './passage-evidence';
import { type RevisionDiff } from './revision-diff';
import { countCodePoints } from './unicode';

/** Code points by which the diff may have slid a moved block along repeated characters. */
export const SLIDE = 4;

/** The context compared on each side, as for prefix and suffix. */
const REACH = 32;

/**
 * A block this long, deleted in one place and inserted whole in one other place by the same
 * revision, was moved, however short (a heading such as "关键词六").
 */
const MOVED_BLOCK = 4;

/**
 * Where the piece `[start, end)` of the older text went when the diff deleted it and inserted
 * it elsewhere, as it does with a moved paragraph: an occurrence of the piece inside inserted
 * text, around which the rest of the deleted block (up to 32 code points each side) stands as
 * well, and the only such occurrence. The piece may stick out of the deletion by the few code
 * points the diff may have slid it by. A piece in a block too short to tell a move from a
 * coincidence (less than 8 code points with its agreeing surroundings) is followed only when
 * its whole block reappears as a whole inserted block.
 */
export function findMoved(diff: RevisionDiff, start: number, end: number): number | undefined {
  const { older, newer } = diff;
  if (diff.blind(start, end)) return undefined;
  const deletions = diff.editsInside(start, end);
  const [deletion] = deletions;
  if (deletions.length !== 1 || !deletion) return undefined;
  const deleted = Math.min(end, deletion.oldEnd) - Math.max(start, deletion.oldStart);
  if (deleted < end - start - SLIDE || deletion.oldStart - SLIDE > start) return undefined;
  if (deletion.oldEnd + SLIDE < end) return undefined;
  const piece = older.slice(start, end);
  const blockStart = Math.min(start, deletion.oldStart);
  const blockEnd = Math.max(end, deletion.oldEnd);
  const before = older.slice(Math.max(blockStart, start - REACH), start);
  const after = older.slice(end, Math.min(blockEnd, end + REACH));
  const needBefore = Math.min(REACH, start - blockStart) - SLIDE;
  const needAfter = Math.min(REACH, blockEnd - end) - SLIDE;
  const insertions = diff.insertions();
  const block = older.slice(deletion.oldStart, deletion.oldEnd).trim();
  const wholeBlockMoved = diff.pastedCount(block) === 1 && countCodePoints(block) >= MOVED_BLOCK;
  let found: number | undefined;
  for (const occurrence of occurrencesOf(newer, piece)) {
    const length = end - start;
    const inserted = insertions.some((edit) => {
      const overlap =
        Math.min(occurrence.end, edit.newEnd) - Math.max(occurrence.start, edit.newStart);
      return overlap >= Math.max(1, length - SLIDE);
    });
    if (!inserted) continue;
    const agreeBefore = agreementBefore(newer, occurrence.start, before);
    const agreeAfter = agreementAfter(newer, occurrence.end, after);
    if (agreeBefore < needBefore || agreeAfter < needAfter) continue;
    if (agreeBefore + length + agreeAfter < SHORT_QUOTE && !wholeBlockMoved) continue;
    if (found !== undefined) return undefined;
    found = occurrence.start;
  }
  return found;
}
