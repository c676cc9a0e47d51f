import { type Expectation, type Verdict } from './judge';

export interface Tally {
  cases: number;
  correct: number;
  wrong: number;
  /** Orphaned although the passage is still in the text (kept or edited). */
  orphaned: number;
  untouched: { cases: number; kept: number };
  edited: { cases: number; correct: number; wrong: number; orphaned: number };
  gone: { cases: number; orphaned: number; wrong: number };
  milliseconds: number;
}

export function emptyTally(): Tally {
  return {
    cases: 0,
    correct: 0,
    wrong: 0,
    orphaned: 0,
    untouched: { cases: 0, kept: 0 },
    edited: { cases: 0, correct: 0, wrong: 0, orphaned: 0 },
    gone: { cases: 0, orphaned: 0, wrong: 0 },
    milliseconds: 0,
  };
}

export function count(tally: Tally, expected: Expectation, verdict: Verdict): void {
  tally.cases += 1;
  tally[verdict] += 1;
  switch (expected.outcome) {
    case 'kept':
      tally.untouched.cases += 1;
      if (verdict === 'correct') tally.untouched.kept += 1;
      break;
    case 'edited':
      tally.edited.cases += 1;
      tally.edited[verdict] += 1;
      break;
    case 'gone':
      tally.gone.cases += 1;
      if (verdict === 'correct') tally.gone.orphaned += 1;
      else tally.gone.wrong += 1;
      break;
  }
}

export function perThousand(tally: Tally): number {
  return Math.round((tally.milliseconds / tally.cases) * 1000 * 100) / 100;
}

/** Adds one tally's counts and time to another. */
export function addTally(into: Tally, from: Tally): void {
  into.cases += from.cases;
  into.correct += from.correct;
  into.wrong += from.wrong;
  into.orphaned += from.orphaned;
  into.milliseconds += from.milliseconds;
  into.untouched.cases += from.untouched.cases;
  into.untouched.kept += from.untouched.kept;
  for (const key of ['cases', 'correct', 'wrong', 'orphaned'] as const) {
    into.edited[key] += from.edited[key];
  }
  for (const key of ['cases', 'orphaned', 'wrong'] as const) into.gone[key] += from.gone[key];
}
