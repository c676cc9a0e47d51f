import diff from 'fast-diff';
import { countCodePoints } from './unicode';

/** A stretch of text two revisions share: `length` code points from `oldStart` and `newStart`. */
export interface Stretch {
  oldStart: number;
  newStart: number;
  length: number;
}

/** Shared stretches shorter than this, next to a replacement, are taken for coincidences. */
const COINCIDENCE = 4;

/**
 * The stretches two texts share, in code points, from a character diff (fast-diff, which never
 * splits a surrogate pair). A character diff of two different sentences still matches their
 * common characters (的, 发展, 我省); such a short match next to a replacement is dropped, so
 * that the rewritten passage counts as one edit instead of a few edits around shared letters.
 */
export function sharedStretches(
  older: string,
  newer: string,
  olderLength: number,
  newerLength: number,
): Stretch[] {
  const found: Stretch[] = [];
  let oldOffset = 0;
  let newOffset = 0;
  for (const [operation, piece] of diff(older, newer)) {
    const length = countCodePoints(piece);
    if (operation === diff.EQUAL) found.push({ oldStart: oldOffset, newStart: newOffset, length });
    if (operation !== diff.INSERT) oldOffset += length;
    if (operation !== diff.DELETE) newOffset += length;
  }
  let stretches = found;
  for (;;) {
    const kept = stretches.filter(
      (_, index) => !coincidental(stretches, index, olderLength, newerLength),
    );
    if (kept.length === stretches.length) return kept;
    stretches = kept;
  }
}

function coincidental(
  stretches: Stretch[],
  index: number,
  olderLength: number,
  newerLength: number,
): boolean {
  const stretch = stretches[index];
  if (!stretch || stretch.length >= COINCIDENCE) return false;
  const previous = stretches[index - 1];
  const next = stretches[index + 1];
  const removedBefore = stretch.oldStart - (previous ? previous.oldStart + previous.length : 0);
  const addedBefore = stretch.newStart - (previous ? previous.newStart + previous.length : 0);
  const removedAfter = (next ? next.oldStart : olderLength) - (stretch.oldStart + stretch.length);
  const addedAfter = (next ? next.newStart : newerLength) - (stretch.newStart + stretch.length);
  const atEdge = removedBefore + addedBefore === 0 || removedAfter + addedAfter === 0;
  const replacedBefore = removedBefore > 0 && addedBefore > 0;
  const replacedAfter = removedAfter > 0 && addedAfter > 0;
  return !atEdge && (replacedBefore || replacedAfter);
}
