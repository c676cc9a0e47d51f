import diff from 'fast-diff';
import { type Tokens, TokenTable } from './diff-tokens';
import { type UnitPair, type UnitStretch, splitByGrams } from './gram-anchors';
import { type TokenMatches, alignTokens } from './token-alignment';
import { isHighSurrogate, isLowSurrogate } from './unicode';

export { type UnitPair, type UnitStretch } from './gram-anchors';

/**
 * Character work allowed for one changed block pair, as the product of its lengths in units:
 * fast-diff costs up to about 50 ns times that on two unrelated blocks (5 ms here), far less
 * on similar ones. Two passages of 300 characters fit; a larger pair is first split at the
 * grams both sides share.
 */
export const PAIR_WORK = 100_000;
/**
 * Character work for all pairs together: a fixed allowance (50 ms at worst) plus a share per
 * unit of text (under 1 µs at worst), so that the total stays linear in the texts.
 */
export const BASE_WORK = 1_000_000;
export const WORK_PER_UNIT = 16;

/** Matched tokens shorter than this in all, between two edits, are left to the character diff. */
const SHORT_RUN = 16;

export interface BoundedDiff {
  stretches: UnitStretch[];
  /** Changed block pairs left to the budget: they may share text the diff did not look for. */
  unaligned: UnitPair[];
}

/**
 * The stretches two texts share, with a cost bounded whatever the texts: their common ends
 * trimmed, the middle aligned by lines and sentences (`alignTokens`), a block pair still too
 * big split at four-unit grams both hold once (`splitByGrams`), then a character diff
 * (fast-diff) inside each changed block pair that the work budget allows, smallest first.
 * A pair over the budget shares nothing and is reported unaligned.
 */
export function boundedDiff(older: string, newer: string): BoundedDiff {
  const head = commonHead(older, newer);
  const tail = commonTail(older, newer, head);
  const [oldEnd, newEnd] = [older.length - tail, newer.length - tail];
  const stretches: UnitStretch[] = [];
  if (head > 0) stretches.push({ oldStart: 0, newStart: 0, length: head });
  if (tail > 0) stretches.push({ oldStart: oldEnd, newStart: newEnd, length: tail });
  const table = new TokenTable();
  const a = table.tokens(older, head, oldEnd);
  const b = table.tokens(newer, head, newEnd);
  const pairs: UnitPair[] = [];
  let [oldFrom, newFrom] = [head, head];
  const lengths = a.ids.map((_, k) => at(a.bounds, k + 1) - at(a.bounds, k));
  const runs = tokenRuns(a, b, alignTokens(a.ids, b.ids, lengths));
  for (const run of [...runs, { oldStart: oldEnd, newStart: newEnd, length: 0 }]) {
    const gap = {
      oldStart: oldFrom,
      oldEnd: run.oldStart,
      newStart: newFrom,
      newEnd: run.newStart,
    };
    if (gap.oldEnd > gap.oldStart && gap.newEnd > gap.newStart) {
      if (work(gap) <= PAIR_WORK) pairs.push(gap);
      else {
        const split = splitByGrams(older, newer, gap);
        stretches.push(...split.stretches);
        pairs.push(...split.pairs);
      }
    }
    if (run.length > 0) stretches.push(run);
    [oldFrom, newFrom] = [run.oldStart + run.length, run.newStart + run.length];
  }
  const unaligned: UnitPair[] = [];
  let budget = BASE_WORK + WORK_PER_UNIT * (older.length + newer.length);
  for (const pair of pairs.sort((one, other) => work(one) - work(other))) {
    const cost = work(pair);
    if (cost > PAIR_WORK || cost > budget) {
      unaligned.push(pair);
      continue;
    }
    budget -= cost;
    stretches.push(...characterStretches(older, newer, pair));
  }
  unaligned.sort((one, other) => one.oldStart - other.oldStart);
  return {
    stretches: merged(stretches.sort((one, other) => one.oldStart - other.oldStart)),
    unaligned,
  };
}

/**
 * The runs of matched tokens, in units, without those shorter than SHORT_RUN: a lone blank
 * line or a short heading matched between two edits says little, and a token diff may match it
 * across text it should have kept (the "\n" of a blank line the revision pasted elsewhere);
 * left in the changed block, it is found again by the character diff if it stayed.
 */
function tokenRuns(a: Tokens, b: Tokens, matches: TokenMatches): UnitStretch[] {
  const runs: UnitStretch[] = [];
  for (let k = 0; k < matches.old.length;) {
    const [i, j] = [matches.old[k] ?? 0, matches.new[k] ?? 0];
    let count = 1;
    while (matches.old[k + count] === i + count && matches.new[k + count] === j + count) count++;
    const start = at(a.bounds, i);
    const length = at(a.bounds, i + count) - start;
    if (length >= SHORT_RUN) runs.push({ oldStart: start, newStart: at(b.bounds, j), length });
    k += count;
  }
  return runs;
}

function work(pair: UnitPair): number {
  return (pair.oldEnd - pair.oldStart) * (pair.newEnd - pair.newStart);
}

function characterStretches(older: string, newer: string, pair: UnitPair): UnitStretch[] {
  const stretches: UnitStretch[] = [];
  let [oldOffset, newOffset] = [pair.oldStart, pair.newStart];
  const oldPiece = older.slice(pair.oldStart, pair.oldEnd);
  for (const [operation, piece] of diff(oldPiece, newer.slice(pair.newStart, pair.newEnd))) {
    if (operation === diff.EQUAL) {
      stretches.push({ oldStart: oldOffset, newStart: newOffset, length: piece.length });
    }
    if (operation !== diff.INSERT) oldOffset += piece.length;
    if (operation !== diff.DELETE) newOffset += piece.length;
  }
  return stretches;
}

/** Stretches that touch on both sides become one, as a whole-text diff would report them. */
function merged(stretches: UnitStretch[]): UnitStretch[] {
  const result: UnitStretch[] = [];
  for (const stretch of stretches) {
    const last = result.at(-1);
    if (stretch.length === 0) continue;
    if (
      last &&
      last.oldStart + last.length === stretch.oldStart &&
      last.newStart + last.length === stretch.newStart
    ) {
      last.length += stretch.length;
    } else {
      result.push({ ...stretch });
    }
  }
  return result;
}

/** Units both texts start with, never ending inside a surrogate pair. */
function commonHead(older: string, newer: string): number {
  const most = Math.min(older.length, newer.length);
  let head = 0;
  while (head < most && older.charCodeAt(head) === newer.charCodeAt(head)) head++;
  if (head > 0 && head < most && isHighSurrogate(older.charCodeAt(head - 1))) head--;
  return head;
}

/** Units both texts end with, after the common head, never starting inside a surrogate pair. */
function commonTail(older: string, newer: string, head: number): number {
  const most = Math.min(older.length, newer.length) - head;
  let tail = 0;
  while (
    tail < most &&
    older.charCodeAt(older.length - 1 - tail) === newer.charCodeAt(newer.length - 1 - tail)
  )
    tail++;
  if (tail > 0 && tail < most && isLowSurrogate(older.charCodeAt(older.length - tail))) tail--;
  return tail;
}

function at(values: number[], index: number): number {
  return values[index] ?? 0;
}
