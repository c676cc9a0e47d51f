import { CONTEXT_LENGTH } from './anchor';
import { type QuoteContext, passageEvidence } from './passage-evidence';
import { type Edit, type RevisionDiff } from './revision-diff';
import { slideOut } from './slide';

/** Share of a span and its surroundings the diff must keep for its mapping to be trusted. */
const KEPT_SURROUNDINGS = 0.5;

/** A shared stretch this long is text the revision kept, not characters it happens to share. */
const SUBSTANTIAL_STRETCH = 16;

/**
 * The span's start in the newer text when the diff shows its text untouched and can be
 * trusted there, undefined otherwise. Trusted: the diff kept most of the surroundings, and
 * the shared stretch holding the span is long; or the edits next to it are pure insertions
 * or deletions (text added or cut beside a passage the editor left alone), or one is and the
 * other replaces less than the stretch; or a whole side of the context still agrees. A short
 * stretch between replacements ("高质量发展" or "建国家级" kept in a rewritten sentence) is
 * not.
 */
export function followUntouched(
  diff: RevisionDiff,
  start: number,
  end: number,
  context: QuoteContext,
): { start: number; wholeSide: boolean } | undefined {
  const { newer } = diff;
  const stretch = diff.stretchHolding(start, end);
  let newStart: number | undefined;
  let vouched = true;
  let kept = 0;
  if (stretch >= 0) {
    newStart = diff.toNewer(stretch, start);
    const { oldStart, oldEnd } = diff.stretch(stretch);
    const length = oldEnd - oldStart;
    kept = length;
    const [before, after] = [diff.editAfter(stretch - 1), diff.editAfter(stretch)];
    vouched =
      length >= SUBSTANTIAL_STRETCH ||
      (isPureOrEmpty(before) && (isPureOrEmpty(after) || size(after) < length)) ||
      (isPureOrEmpty(after) && size(before) < length);
  } else {
    const edits = diff.editsInside(start, end);
    const [only] = edits;
    if (edits.length === 1 && only) newStart = slideOut(diff, only, start, end);
  }
  if (newStart === undefined) return undefined;
  const newEnd = newStart + (end - start);
  if (!newer.isGraphemeBoundary(newStart) || !newer.isGraphemeBoundary(newEnd)) return undefined;
  if (newer.slice(newStart, newEnd) !== diff.older.slice(start, end)) return undefined;
  const exact = diff.older.slice(start, end);
  if (!surroundingsKept(diff, start, end, newStart, newEnd) && !keptAlone(diff, kept, exact)) {
    return undefined;
  }
  const { wholeSide } = passageEvidence(newer, newStart, newEnd, context, end - start);
  return vouched || wholeSide ? { start: newStart, wholeSide } : undefined;
}

/**
 * An untouched sentence between two rewritten ones: its surroundings are gone, but the diff kept
 * a substantial stretch around the span, and its text occurs once in each revision, so there is
 * no other place it could have gone.
 */
function keptAlone(diff: RevisionDiff, stretchLength: number, exact: string): boolean {
  return (
    stretchLength >= SUBSTANTIAL_STRETCH &&
    occursOnce(diff.older.text, exact) &&
    occursOnce(diff.newer.text, exact)
  );
}

function occursOnce(text: string, exact: string): boolean {
  const first = text.indexOf(exact);
  return first !== -1 && text.indexOf(exact, first + 1) === -1;
}

/**
 * Whether the diff kept at least half of the span and its surroundings (32 code points each
 * side, the text's edges counting as kept), in the older or in the newer text: a mapping into
 * a rewritten passage is not trusted.
 */
export function surroundingsKept(
  diff: RevisionDiff,
  start: number,
  end: number,
  newStart: number,
  newEnd: number,
): boolean {
  const keptOld = kept(start, end, diff.older.length, (a, b) => diff.keptInOlder(a, b));
  const keptNew = kept(newStart, newEnd, diff.newer.length, (a, b) => diff.keptInNewer(a, b));
  const oldWhole = end - start + 2 * CONTEXT_LENGTH;
  const newWhole = newEnd - newStart + 2 * CONTEXT_LENGTH;
  return keptOld >= KEPT_SURROUNDINGS * oldWhole || keptNew >= KEPT_SURROUNDINGS * newWhole;
}

function size(edit: Edit): number {
  return Math.max(edit.oldEnd - edit.oldStart, edit.newEnd - edit.newStart);
}

/** Text only cut, or only added, or nothing (the text's edge). */
function isPureOrEmpty(edit: Edit): boolean {
  return edit.oldStart === edit.oldEnd || edit.newStart === edit.newEnd;
}

/** Code points kept by the diff in `[start - 32, end + 32)`, beyond the text's edges counting. */
function kept(
  start: number,
  end: number,
  length: number,
  keptIn: (start: number, end: number) => number,
): number {
  const from = start - CONTEXT_LENGTH;
  const to = end + CONTEXT_LENGTH;
  const outside = Math.max(0, -from) + Math.max(0, to - length);
  return keptIn(Math.max(0, from), Math.min(length, to)) + outside;
}
