import { type Edit, type RevisionDiff } from './revision-diff';
import { type RevisionText } from './revision-text';

/**
 * A character diff picks one of several equally short alignments where text repeats: deleting
 * "的Y" before "的Z" gives the same text as deleting "Y的", and the diff may choose the one that
 * cuts into a span the editor never touched. When the only edit inside a span is a pure
 * insertion or deletion that can slide along repeated characters to just outside the span,
 * the span is untouched: this returns its start in the newer text, else undefined.
 */
export function slideOut(
  diff: RevisionDiff,
  edit: Edit,
  start: number,
  end: number,
): number | undefined {
  const preceding = edit.follows;
  const following = edit.follows + 1;
  if (preceding < 0 || following >= diff.stretches) return undefined;
  const before = diff.stretch(preceding);
  const after = diff.stretch(following);
  if (start < before.oldStart || end > after.oldEnd) return undefined;
  const deleted = edit.oldEnd - edit.oldStart;
  const inserted = edit.newEnd - edit.newStart;
  const [text, from, to] =
    deleted > 0 && inserted === 0
      ? [diff.older, edit.oldStart, edit.oldEnd]
      : inserted > 0 && deleted === 0
        ? [diff.newer, edit.newStart, edit.newEnd]
        : [undefined, 0, 0];
  if (text === undefined) return undefined;
  // Before the span: the edit slides left until it ends (deletion) or sits (insertion) at start.
  const leftward = (deleted > 0 ? edit.oldEnd : edit.oldStart) - start;
  if (edit.oldStart - leftward >= before.oldStart && rotates(text, from, to, -leftward)) {
    return diff.toNewer(following, start);
  }
  // After the span: the edit slides right until it starts at end.
  const rightward = end - edit.oldStart;
  const room = deleted > 0 ? after.oldEnd - edit.oldEnd : after.oldEnd - edit.oldStart;
  if (rightward <= room && rotates(text, from, to, rightward))
    return diff.toNewer(preceding, start);
  return undefined;
}

/**
 * Whether the piece `[from, to)` of `text` can move by `shift` code points (left when negative)
 * and leave the text the same: each character it passes equals the one it leaves behind.
 */
function rotates(text: RevisionText, from: number, to: number, shift: number): boolean {
  if (shift < 0) {
    for (let step = 1; step <= -shift; step += 1) {
      if (text.codePointAt(from - step) !== text.codePointAt(to - step)) return false;
    }
    return true;
  }
  for (let step = 0; step < shift; step += 1) {
    if (text.codePointAt(from + step) !== text.codePointAt(to + step)) return false;
  }
  return true;
}
