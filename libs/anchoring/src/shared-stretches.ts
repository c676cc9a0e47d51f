import { boundedDiff } from './bounded-diff';
import { countCodePoints } from './unicode';

/** A stretch of text two revisions share: `length` code points from `oldStart` and `newStart`. */
export interface Stretch {
  oldStart: number;
  newStart: number;
  length: number;
}

/** Shared stretches shorter than this, next to a replacement, are taken for coincidences. */
const COINCIDENCE = 4;

/** A changed block the budget left unaligned, in code points: it may hide shared text. */
export interface Unaligned {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * The stretches two texts share, in code points, from a diff whose cost is bounded
 * (`boundedDiff`: lines and sentences aligned first, characters only inside changed blocks
 * small enough, never splitting a surrogate pair), and the changed blocks it left unaligned. A
 * character diff of two different sentences still matches their common characters (的, 发展,
 * 我省); such a short match next to a replacement is dropped, so that the rewritten passage
 * counts as one edit instead of a few edits around shared letters.
 */
export function sharedStretches(
  older: string,
  newer: string,
  olderLength: number,
  newerLength: number,
): { stretches: Stretch[]; unaligned: Unaligned[] } {
  const bounded = boundedDiff(older, newer);
  const [oldAt, newAt] = [codePointCursor(older), codePointCursor(newer)];
  const found = bounded.stretches.map((stretch) => {
    const oldStart = oldAt(stretch.oldStart);
    const newStart = newAt(stretch.newStart);
    return { oldStart, newStart, length: oldAt(stretch.oldStart + stretch.length) - oldStart };
  });
  const [oldIn, newIn] = [codePointCursor(older), codePointCursor(newer)];
  const unaligned = bounded.unaligned.map((pair) => ({
    oldStart: oldIn(pair.oldStart),
    oldEnd: oldIn(pair.oldEnd),
    newStart: newIn(pair.newStart),
    newEnd: newIn(pair.newEnd),
  }));
  return { stretches: withoutCoincidences(found, olderLength, newerLength), unaligned };
}

/**
 * Converts UTF-16 offsets to code points, counting only from the last offset asked: linear
 * along the text when asked in ascending order, as the diff's stretches come.
 */
function codePointCursor(text: string): (unit: number) => number {
  let [lastUnit, lastOffset] = [0, 0];
  return (unit) => {
    lastOffset +=
      unit >= lastUnit
        ? countCodePoints(text, lastUnit, unit)
        : -countCodePoints(text, unit, lastUnit);
    lastUnit = unit;
    return lastOffset;
  };
}

/**
 * Drops coincidental stretches until none is left. Dropping one only widens the edits beside
 * its neighbours, so the result is the same in whatever order they go; a worklist over a
 * linked list does it in linear time (filtering the whole list again could take n passes).
 */
function withoutCoincidences(
  stretches: Stretch[],
  olderLength: number,
  newerLength: number,
): Stretch[] {
  const count = stretches.length;
  const previous = Array.from({ length: count }, (_, index) => index - 1);
  const next = Array.from({ length: count }, (_, index) => (index + 1 < count ? index + 1 : -1));
  const dropped = new Array<boolean>(count).fill(false);
  const pending = Array.from({ length: count }, (_, index) => count - 1 - index);
  while (pending.length > 0) {
    const index = pending.pop() ?? 0;
    if (dropped[index]) continue;
    const before = stretches[previous[index] ?? -1];
    const after = stretches[next[index] ?? -1];
    const stretch = stretches[index];
    if (!stretch || !coincidental(stretch, before, after, olderLength, newerLength)) continue;
    dropped[index] = true;
    const [left, right] = [previous[index] ?? -1, next[index] ?? -1];
    if (left >= 0) {
      next[left] = right;
      pending.push(left);
    }
    if (right >= 0) {
      previous[right] = left;
      pending.push(right);
    }
  }
  return stretches.filter((_, index) => !dropped[index]);
}

function coincidental(
  stretch: Stretch,
  previous: Stretch | undefined,
  next: Stretch | undefined,
  olderLength: number,
  newerLength: number,
): boolean {
  if (stretch.length >= COINCIDENCE) return false;
  const removedBefore = stretch.oldStart - (previous ? previous.oldStart + previous.length : 0);
  const addedBefore = stretch.newStart - (previous ? previous.newStart + previous.length : 0);
  const removedAfter = (next ? next.oldStart : olderLength) - (stretch.oldStart + stretch.length);
  const addedAfter = (next ? next.newStart : newerLength) - (stretch.newStart + stretch.length);
  const atEdge = removedBefore + addedBefore === 0 || removedAfter + addedAfter === 0;
  const replacedBefore = removedBefore > 0 && addedBefore > 0;
  const replacedAfter = removedAfter > 0 && addedAfter > 0;
  return !atEdge && (replacedBefore || replacedAfter);
}
