/** An edit of a revision's text, in code points of the text it applies to. */
export type Edit =
  | { kind: 'replace'; at: number; remove: number; insert: string }
  /** Cut `[from, from + length)` and paste it at `to`, an offset of the text after the cut. */
  | { kind: 'move'; from: number; length: number; to: number };

export function applyEdit(codePoints: string[], edit: Edit): string[] {
  if (edit.kind === 'replace') {
    return [
      ...codePoints.slice(0, edit.at),
      ...Array.from(edit.insert),
      ...codePoints.slice(edit.at + edit.remove),
    ];
  }
  const block = codePoints.slice(edit.from, edit.from + edit.length);
  const rest = [...codePoints.slice(0, edit.from), ...codePoints.slice(edit.from + edit.length)];
  return [...rest.slice(0, edit.to), ...block, ...rest.slice(edit.to)];
}

/** Where an annotated passage truly is after the edits the benchmark made. */
export interface TruePassage {
  start: number;
  end: number;
  /** Whether any edit changed the passage's own text. */
  touched: boolean;
  /** Code points of the passage's text that edits removed. */
  removed: number;
  /**
   * Code points inserted or removed by edits across each boundary: where such an edit leaves
   * the boundary is a matter of reading, so a method may place it anywhere within them.
   */
  startLeeway: number;
  endLeeway: number;
}

/**
 * Follows a passage through a replacement. Text inserted exactly at a boundary stays outside
 * the passage; text replacing one of its ends is not part of it.
 */
export function followEdit(
  passage: TruePassage,
  edit: Extract<Edit, { kind: 'replace' }>,
): TruePassage {
  const { start, end } = passage;
  const from = edit.at;
  const to = edit.at + edit.remove;
  const inserted = Array.from(edit.insert).length;
  const delta = inserted - edit.remove;
  const touched = from < end && to > start && (edit.remove > 0 || inserted > 0);
  const removed = Math.max(0, Math.min(to, end) - Math.max(from, start));
  return {
    start: start < from ? start : start >= to ? start + delta : from + inserted,
    end: end <= from ? end : end > to ? end + delta : from,
    touched: passage.touched || touched,
    removed: passage.removed + removed,
    startLeeway: passage.startLeeway + (from <= start && to > start ? edit.remove + inserted : 0),
    endLeeway:
      passage.endLeeway + (from < end && to >= end && to > from ? edit.remove + inserted : 0),
  };
}

/**
 * Whether a character diff could place this edit elsewhere with the same result (deleting
 * "的Y" before "的Z" is deleting "Y的"), or would see it as shorter than it is (a replacement
 * starting or ending with the character it replaces), or whether it pastes a copy of the text
 * around it (which copy is the new one?). The true place of such an edit is not in the texts,
 * so no method can be held to it; the benchmark makes edits without these.
 */
export function editIsAmbiguous(codePoints: readonly string[], edit: Edit): boolean {
  if (edit.kind === 'move') return false;
  const inserted = Array.from(edit.insert);
  const from = edit.at;
  const to = edit.at + edit.remove;
  const at = (index: number) => codePoints[index];
  const around = codePoints.slice(Math.max(0, from - 64), to + 64).join('');
  for (let index = 0; index + 8 <= inserted.length; index += 1) {
    if (around.includes(inserted.slice(index, index + 8).join(''))) return true;
  }
  if (edit.remove > 0 && inserted.length === 0) {
    return (
      (from > 0 && at(from - 1) === at(to - 1)) || (to < codePoints.length && at(from) === at(to))
    );
  }
  if (edit.remove === 0 && inserted.length > 0) {
    return (
      (from > 0 && at(from - 1) === inserted.at(-1)) ||
      (from < codePoints.length && at(from) === inserted[0])
    );
  }
  const removed = codePoints.slice(from, to);
  return (
    at(from) === inserted[0] || at(to - 1) === inserted.at(-1) || isSubsequence(inserted, removed)
  );
}

/** A replacement whose new text is spread through the old one reads as deletions alone. */
function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let found = 0;
  for (const character of long) if (character === short[found]) found += 1;
  return found === short.length;
}
