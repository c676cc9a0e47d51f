import { isHighSurrogate, isLowSurrogate } from './unicode';
import { heaviestAscending } from './token-alignment';

/** A range of the older text and the range of the newer text it is aligned with, in units. */
export interface UnitPair {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** A stretch both texts share, in UTF-16 units. */
export interface UnitStretch {
  oldStart: number;
  newStart: number;
  length: number;
}

/** Units in a gram: four Han characters rarely repeat by chance within one block. */
const GRAM = 4;

/**
 * Splits a changed block pair too big for a character diff where both sides hold the same
 * four units once and only once, the longest chain of such grams in the same order (as
 * patience diff does with lines). A passage whose every sentence lost a converter's glosses
 * changes every sentence, so no line or sentence is left to align it by; its four-character
 * runs still are. Returns the shared stretches the grams make and the block pairs between
 * them, each to be diffed by characters if small enough.
 */
export function splitByGrams(
  older: string,
  newer: string,
  pair: UnitPair,
): { stretches: UnitStretch[]; pairs: UnitPair[] } {
  const inOld = uniqueGrams(older, pair.oldStart, pair.oldEnd);
  const inNew = uniqueGrams(newer, pair.newStart, pair.newEnd, inOld);
  const matches: [number, number][] = [];
  for (const [gram, oldAt] of inOld) {
    const newAt = inNew.get(gram) ?? -1;
    if (oldAt >= 0 && newAt >= 0 && sameGram(older, oldAt, newer, newAt)) {
      matches.push([oldAt, newAt]);
    }
  }
  matches.sort((one, other) => one[0] - other[0]);
  const stretches: UnitStretch[] = [];
  for (const [oldAt, newAt] of heaviestAscending(matches)) {
    const last = stretches.at(-1);
    const [oldEnd, newEnd] = last
      ? [last.oldStart + last.length, last.newStart + last.length]
      : [pair.oldStart, pair.newStart];
    if (last && oldAt - newAt === last.oldStart - last.newStart && oldAt <= oldEnd) {
      last.length = Math.max(last.length, oldAt + GRAM - last.oldStart);
    } else if (oldAt >= oldEnd && newAt >= newEnd) {
      stretches.push({ oldStart: oldAt, newStart: newAt, length: GRAM });
    }
  }
  const pairs: UnitPair[] = [];
  let [oldFrom, newFrom] = [pair.oldStart, pair.newStart];
  for (const stretch of [
    ...stretches,
    { oldStart: pair.oldEnd, newStart: pair.newEnd, length: 0 },
  ]) {
    if (stretch.oldStart > oldFrom && stretch.newStart > newFrom) {
      pairs.push({
        oldStart: oldFrom,
        oldEnd: stretch.oldStart,
        newStart: newFrom,
        newEnd: stretch.newStart,
      });
    }
    [oldFrom, newFrom] = [stretch.oldStart + stretch.length, stretch.newStart + stretch.length];
  }
  return { stretches, pairs };
}

/**
 * Each gram of `[from, to)` that does not cut a surrogate pair, by a 30-bit hash (numbers, not
 * strings: a map of strings per unit of a long text keeps the collector busy), at its position,
 * or at -1 when the hash occurs more than once. With `among`, only hashes found there are kept.
 */
function uniqueGrams(
  text: string,
  from: number,
  to: number,
  among?: Map<number, number>,
): Map<number, number> {
  const grams = new Map<number, number>();
  for (let at = from; at + GRAM <= to; at++) {
    if (isLowSurrogate(text.charCodeAt(at)) || isHighSurrogate(text.charCodeAt(at + GRAM - 1)))
      continue;
    const gram = gramHash(text, at);
    if (among && (among.get(gram) ?? -1) < 0) continue;
    grams.set(gram, grams.has(gram) ? -1 : at);
  }
  return grams;
}

function gramHash(text: string, at: number): number {
  let hash = 0x811c9dc5;
  for (let unit = at; unit < at + GRAM; unit++) {
    hash = Math.imul(hash ^ text.charCodeAt(unit), 0x01000193);
  }
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** Whether the grams at `oldAt` and `newAt` are the same units, not just the same hash. */
function sameGram(older: string, oldAt: number, newer: string, newAt: number): boolean {
  for (let unit = 0; unit < GRAM; unit++) {
    if (older.charCodeAt(oldAt + unit) !== newer.charCodeAt(newAt + unit)) return false;
  }
  return true;
}
