import { samePassage } from '@marginalia/anchoring';
import { type TruePassage } from './edits';

/** What the benchmark expects of one annotation after one revision. */
export type Expectation =
  /** Its text untouched: it must be anchored exactly where the text went. */
  | { outcome: 'kept'; start: number; end: number }
  /**
   * Its text edited but still the same passage (SPEC: not a short quote; at least half of the
   * old text still there and at least half of the new text old): it must be anchored on
   * exactly what became of it (either piece, when a move cut it nearly in half), a boundary
   * free to move only within an edit across it.
   */
  | { outcome: 'edited'; places: Place[] }
  /** Its text deleted, rewritten, broken up, or a short quote edited: only an orphan is correct. */
  | { outcome: 'gone' };

export interface Place {
  start: number;
  end: number;
  startLeeway: number;
  endLeeway: number;
}

export type Verdict = 'correct' | 'wrong' | 'orphaned';

export function expectationOf(passage: TruePassage, length: number): Expectation {
  const { start, end, touched, removed, startLeeway, endLeeway } = passage;
  if (!touched) return { outcome: 'kept', start, end };
  if (start < end && samePassage(length, end - start, length - removed)) {
    return { outcome: 'edited', places: [{ start, end, startLeeway, endLeeway }] };
  }
  return { outcome: 'gone' };
}

export function judge(
  expected: Expectation,
  anchored: { start: number; end: number } | null,
): Verdict {
  if (expected.outcome === 'gone') return anchored ? 'wrong' : 'correct';
  if (!anchored) return 'orphaned';
  if (expected.outcome === 'kept') {
    return anchored.start === expected.start && anchored.end === expected.end ? 'correct' : 'wrong';
  }
  return expected.places.some((place) => fits(anchored, place)) ? 'correct' : 'wrong';
}

function fits(anchored: { start: number; end: number }, place: Place): boolean {
  const overlaps = anchored.start < place.end && place.start < anchored.end;
  const startFits = Math.abs(anchored.start - place.start) <= place.startLeeway;
  const endFits = Math.abs(anchored.end - place.end) <= place.endLeeway;
  return overlaps && startFits && endFits;
}
