/**
 * Tokens of two sequences matched to each other, in order: `old[k]` matches `new[k]`, both
 * ascending. Built by `alignTokens`.
 */
export interface TokenMatches {
  old: number[];
  new: number[];
}

/** Levels of unique-token anchoring before the rest of a gap goes to the bounded Myers diff. */
const ANCHOR_LEVELS = 6;
/** Tokens each way over which an anchor's run of equal tokens is weighed. */
const REACH = 64;
/** Edits the token diff of one gap may find; a gap needing more is one replacement. */
export const TOKEN_EDITS = 128;

/**
 * Aligns two token sequences (`weights`: the older tokens' lengths) with a cost of O(n log n)
 * whatever they hold: common ends first; then, as patience diff does, tokens that occur once on
 * each side, the heaviest run of them in the same order taken as anchors, and the gaps between anchors aligned again (a few levels);
 * what is left goes to a Myers diff that gives up after TOKEN_EDITS edits. A gap it gives up on
 * stays unmatched: its text counts as replaced, which can orphan a span but never misplace it.
 */
export function alignTokens(older: number[], newer: number[], weights: number[]): TokenMatches {
  const matches: TokenMatches = { old: [], new: [] };
  align(older, newer, weights, 0, older.length, 0, newer.length, 0, matches);
  return matches;
}

function align(
  a: number[],
  b: number[],
  weights: number[],
  aFrom: number,
  aTo: number,
  bFrom: number,
  bTo: number,
  level: number,
  out: TokenMatches,
): void {
  let head = 0;
  while (aFrom + head < aTo && bFrom + head < bTo && a[aFrom + head] === b[bFrom + head]) head++;
  let tail = 0;
  while (
    aTo - tail > aFrom + head &&
    bTo - tail > bFrom + head &&
    a[aTo - tail - 1] === b[bTo - tail - 1]
  )
    tail++;
  for (let k = 0; k < head; k++) push(out, aFrom + k, bFrom + k);
  const [aStart, aEnd, bStart, bEnd] = [aFrom + head, aTo - tail, bFrom + head, bTo - tail];
  if (aStart < aEnd && bStart < bEnd) {
    const anchors =
      level < ANCHOR_LEVELS ? uniqueAnchors(a, b, weights, aStart, aEnd, bStart, bEnd) : [];
    if (anchors.length > 0) {
      let [aGap, bGap] = [aStart, bStart];
      for (const [i, j] of anchors) {
        align(a, b, weights, aGap, i, bGap, j, level + 1, out);
        push(out, i, j);
        [aGap, bGap] = [i + 1, j + 1];
      }
      align(a, b, weights, aGap, aEnd, bGap, bEnd, level + 1, out);
    } else {
      boundedMyers(a, b, aStart, aEnd, bStart, bEnd, out);
    }
  }
  for (let k = tail; k > 0; k--) push(out, aTo - k, bTo - k);
}

function push(out: TokenMatches, i: number, j: number): void {
  out.old.push(i);
  out.new.push(j);
}

/**
 * Tokens occurring exactly once in each range, as pairs of positions: the heaviest chain
 * ascending on both sides, each weighing the run of equal tokens around it (`runWeight`).
 */
function uniqueAnchors(
  a: number[],
  b: number[],
  weights: number[],
  aFrom: number,
  aTo: number,
  bFrom: number,
  bTo: number,
): [number, number][] {
  // Per token: its position in a (or -2 when repeated), then its position in b likewise.
  const inA = new Map<number, number>();
  for (let i = aFrom; i < aTo; i++) {
    const id = a[i] ?? -1;
    inA.set(id, inA.has(id) ? -2 : i);
  }
  const inB = new Map<number, number>();
  for (let j = bFrom; j < bTo; j++) {
    const id = b[j] ?? -1;
    if ((inA.get(id) ?? -2) >= 0) inB.set(id, inB.has(id) ? -2 : j);
  }
  const pairs: [number, number][] = [];
  for (let i = aFrom; i < aTo; i++) {
    const id = a[i] ?? -1;
    const j = inB.get(id) ?? -2;
    if (j >= 0 && inA.get(id) === i) pairs.push([i, j]);
  }
  return heaviestAscending(pairs, ([i, j]) =>
    runWeight(a, b, weights, i, j, aFrom, aTo, bFrom, bTo),
  );
}

/**
 * What a unique token anchors: the units of the run of equal tokens around it on its diagonal
 * (at most REACH tokens each way, to bound the cost). A paragraph moved past a longer passage
 * then goes, not the passage, whichever of the two has more of its tokens unique.
 */
function runWeight(
  a: number[],
  b: number[],
  weights: number[],
  i: number,
  j: number,
  aFrom: number,
  aTo: number,
  bFrom: number,
  bTo: number,
): number {
  let weight = weights[i] ?? 1;
  for (let t = 1; t <= REACH && i - t >= aFrom && j - t >= bFrom && a[i - t] === b[j - t]; t++) {
    weight += weights[i - t] ?? 1;
  }
  for (let t = 1; t <= REACH && i + t < aTo && j + t < bTo && a[i + t] === b[j + t]; t++) {
    weight += weights[i + t] ?? 1;
  }
  return weight;
}

/**
 * The heaviest subsequence of pairs (ascending in i) that ascends in j too, each pair weighing
 * `weight(pair)`: O(k log k), with a Fenwick tree of the best chain ending at or below each j.
 * Weighing tokens by their length keeps a moved paragraph's long sentence in place rather than
 * the few short tokens of a URL it was moved past, as a character diff would.
 */
export function heaviestAscending(
  pairs: [number, number][],
  weight: (pair: [number, number]) => number = () => 1,
): [number, number][] {
  const ranks = new Map(
    [...pairs.map(([, j]) => j)].sort((x, y) => x - y).map((j, r) => [j, r + 1]),
  );
  const bestWeight = new Float64Array(pairs.length + 1);
  const bestIndex = new Int32Array(pairs.length + 1).fill(-1);
  const previous: number[] = [];
  const chainWeight: number[] = [];
  pairs.forEach((pair, index) => {
    const rank = ranks.get(pair[1]) ?? 1;
    let [before, beforeWeight] = [-1, 0];
    for (let r = rank - 1; r > 0; r -= r & -r) {
      if ((bestWeight[r] ?? 0) > beforeWeight)
        [before, beforeWeight] = [bestIndex[r] ?? -1, bestWeight[r] ?? 0];
    }
    previous[index] = before;
    chainWeight[index] = beforeWeight + weight(pair);
    for (let r = rank; r <= pairs.length; r += r & -r) {
      if ((chainWeight[index] ?? 0) > (bestWeight[r] ?? 0)) {
        bestWeight[r] = chainWeight[index] ?? 0;
        bestIndex[r] = index;
      }
    }
  });
  let last = -1;
  chainWeight.forEach((total, index) => {
    if (last < 0 || total > (chainWeight[last] ?? 0)) last = index;
  });
  const chain: [number, number][] = [];
  for (let index = last; index >= 0; index = previous[index] ?? -1) {
    const pair = pairs[index];
    if (pair) chain.push(pair);
  }
  return chain.reverse();
}

/**
 * Myers' O((N + M) D) diff of two ranges, stopped after TOKEN_EDITS edits: the matched tokens
 * of a shortest edit script, or none when the ranges differ by more.
 */
function boundedMyers(
  a: number[],
  b: number[],
  aFrom: number,
  aTo: number,
  bFrom: number,
  bTo: number,
  out: TokenMatches,
): void {
  const [n, m] = [aTo - aFrom, bTo - bFrom];
  const limit = Math.min(TOKEN_EDITS, n + m);
  const offset = limit + 1;
  // Furthest x on each diagonal k = x - y, indexed k + offset; one copy kept per edit count.
  let frontier = new Int32Array(2 * limit + 3);
  const history: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    const next = frontier.slice();
    for (let k = -d; k <= d; k += 2) {
      const down =
        k === -d || (k !== d && (frontier[k - 1 + offset] ?? 0) < (frontier[k + 1 + offset] ?? 0));
      let x = down ? (frontier[k + 1 + offset] ?? 0) : (frontier[k - 1 + offset] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[aFrom + x] === b[bFrom + y]) {
        x++;
        y++;
      }
      next[k + offset] = x;
      if (x >= n && y >= m) {
        history.push(next);
        backtrack(a, b, aFrom, bFrom, history, offset, n, m, out);
        return;
      }
    }
    history.push(next);
    frontier = next;
  }
}

/** Walks the stored frontiers back from (n, m) and pushes the diagonal moves, in order. */
function backtrack(
  a: number[],
  b: number[],
  aFrom: number,
  bFrom: number,
  history: Int32Array[],
  offset: number,
  n: number,
  m: number,
  out: TokenMatches,
): void {
  const matched: [number, number][] = [];
  let [x, y] = [n, m];
  for (let d = history.length - 1; d >= 0; d--) {
    const k = x - y;
    const before = history[d - 1];
    let [startX, startY] = [0, 0];
    if (before) {
      const down =
        k === -d || (k !== d && (before[k - 1 + offset] ?? 0) < (before[k + 1 + offset] ?? 0));
      const previousK = down ? k + 1 : k - 1;
      const previousX = before[previousK + offset] ?? 0;
      [startX, startY] = down
        ? [previousX, previousX - previousK + 1]
        : [previousX + 1, previousX - previousK];
    }
    while (x > startX && y > startY && a[aFrom + x - 1] === b[bFrom + y - 1]) {
      x--;
      y--;
      matched.push([x, y]);
    }
    if (before) {
      const down =
        k === -d || (k !== d && (before[k - 1 + offset] ?? 0) < (before[k + 1 + offset] ?? 0));
      const previousK = down ? k + 1 : k - 1;
      x = before[previousK + offset] ?? 0;
      y = x - previousK;
    }
  }
  for (let index = matched.length - 1; index >= 0; index--) {
    const [i, j] = matched[index] ?? [0, 0];
    push(out, aFrom + i, bFrom + j);
  }
}
