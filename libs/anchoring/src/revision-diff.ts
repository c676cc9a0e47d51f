import { type RevisionText } from './revision-text';
import { sharedStretches } from './shared-stretches';

/** A range of the older text and the range of the newer text it corresponds to. */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** An edit of the diff: what `[oldStart, oldEnd)` became; it follows shared stretch `follows`. */
export interface Edit extends Hunk {
  follows: number;
}

/**
 * A diff of two revisions' texts, in code points: the stretches they share, in order, and the
 * edits between them. Computed once per pair of revisions, at a bounded cost: an edit may hold
 * a block the diff had no budget to align (`blind`), where shared text may hide.
 */
export class RevisionDiff {
  private readonly oldStarts: number[] = [];
  private readonly newStarts: number[] = [];
  private readonly lengths: number[] = [];
  /** Shared code points before each stretch; one more entry than stretches. */
  private readonly sharedBefore: number[] = [0];
  private insertionList: Edit[] | undefined;
  private pastedTexts: Map<string, number> | undefined;
  /** Older ranges of the edits holding an unaligned block, ascending. */
  private readonly blindStarts: number[] = [];
  private readonly blindEnds: number[] = [];

  constructor(
    readonly older: RevisionText,
    readonly newer: RevisionText,
  ) {
    const shared = sharedStretches(older.text, newer.text, older.length, newer.length);
    for (const { oldStart, newStart, length } of shared.stretches) {
      this.oldStarts.push(oldStart);
      this.newStarts.push(newStart);
      this.lengths.push(length);
      this.sharedBefore.push((this.sharedBefore.at(-1) ?? 0) + length);
    }
    for (const block of shared.unaligned) {
      const edit = this.editAfter(this.lastStretchStartingAtOrBefore(block.oldStart));
      if (edit.oldStart === this.blindStarts.at(-1)) continue;
      this.blindStarts.push(edit.oldStart);
      this.blindEnds.push(edit.oldEnd);
    }
  }

  /**
   * Whether `[start, end)` reaches into an edit holding a block the diff left unaligned: what
   * the diff says became of it there is unknown, not replaced, so only its quote can place it.
   */
  blind(start: number, end: number): boolean {
    const index = lastAtOrBefore(this.blindStarts, end - 1);
    return index >= 0 && this.at(this.blindEnds, index) > start;
  }

  get stretches(): number {
    return this.lengths.length;
  }

  /** The shared stretch holding all of `[start, end)` of the older text, or -1. */
  stretchHolding(start: number, end: number): number {
    const index = this.lastStretchStartingAtOrBefore(start);
    return index >= 0 && end <= this.oldEnd(index) ? index : -1;
  }

  /** Where a span's start goes: after anything inserted at it, past anything deleted at it. */
  mapStart(offset: number): number {
    const index = this.lastStretchStartingAtOrBefore(offset);
    if (index >= 0 && offset < this.oldEnd(index)) return this.toNewer(index, offset);
    return this.editAfter(index).newEnd;
  }

  /** Where a span's end goes: before anything inserted at it, before anything deleted at it. */
  mapEnd(offset: number): number {
    const index = this.lastStretchStartingBefore(offset);
    if (index >= 0 && offset <= this.oldEnd(index)) return this.toNewer(index, offset);
    return this.editAfter(index).newStart;
  }

  toNewer(stretch: number, offset: number): number {
    return offset - this.at(this.oldStarts, stretch) + this.at(this.newStarts, stretch);
  }

  /** The edits of the inside of `[start, end)`: deletions in it, insertions within it. */
  editsInside(start: number, end: number): Edit[] {
    const hunks: Edit[] = [];
    for (let index = this.lastStretchStartingAtOrBefore(start); ; index += 1) {
      const hunk = this.editAfter(index);
      if (hunk.oldStart >= end) break;
      if (hunk.oldStart < end && hunk.oldEnd > start && !isEmpty(hunk)) hunks.push(hunk);
      if (index + 1 >= this.stretches) break;
    }
    return hunks;
  }

  private betweenLikeEdits(stretch: number): boolean {
    const before = this.editAfter(stretch - 1);
    const after = this.editAfter(stretch);
    if (isReplacement(before) || isReplacement(after)) return false;
    const deletes = (edit: Hunk) => edit.oldEnd > edit.oldStart;
    const inserts = (edit: Hunk) => edit.newEnd > edit.newStart;
    return !((deletes(before) && inserts(after)) || (inserts(before) && deletes(after)));
  }

  /** The edits that insert text, in order. */
  insertions(): Edit[] {
    if (this.insertionList === undefined) {
      this.insertionList = [];
      for (let index = -1; index < this.stretches; index += 1) {
        const edit = this.editAfter(index);
        if (edit.newEnd > edit.newStart) this.insertionList.push(edit);
      }
    }
    return this.insertionList;
  }

  /** How many insertions add exactly `text`, white space around them aside. */
  pastedCount(text: string): number {
    if (this.pastedTexts === undefined) {
      this.pastedTexts = new Map();
      for (const { newStart, newEnd } of this.insertions()) {
        const pasted = this.newer.slice(newStart, newEnd).trim();
        this.pastedTexts.set(pasted, (this.pastedTexts.get(pasted) ?? 0) + 1);
      }
    }
    return this.pastedTexts.get(text) ?? 0;
  }

  /** The edit after shared stretch `index` (-1: the edit before the first stretch). */
  editAfter(index: number): Edit {
    const next = index + 1;
    return {
      follows: index,
      oldStart: index >= 0 ? this.oldEnd(index) : 0,
      oldEnd: next < this.stretches ? this.at(this.oldStarts, next) : this.older.length,
      newStart: index >= 0 ? this.newEnd(index) : 0,
      newEnd: next < this.stretches ? this.at(this.newStarts, next) : this.newer.length,
    };
  }

  stretch(index: number): Hunk {
    return {
      oldStart: this.at(this.oldStarts, index),
      oldEnd: this.oldEnd(index),
      newStart: this.at(this.newStarts, index),
      newEnd: this.newEnd(index),
    };
  }

  /**
   * Code points of the older text's `[start, end)` that the newer text kept. With `shortest`,
   * a shared stretch shorter than that counts only between two insertions or two deletions:
   * one next to a replacement, or between text cut on one side and added on the other, is a
   * phrase two different sentences share.
   */
  keptInOlder(start: number, end: number, shortest = 1): number {
    if (shortest <= 1) return this.shared(this.oldStarts, start, end);
    let kept = 0;
    const first = Math.max(0, lastAtOrBefore(this.oldStarts, start));
    for (let index = first; index < this.stretches; index += 1) {
      const { oldStart, oldEnd } = this.stretch(index);
      if (oldStart >= end) break;
      if (oldEnd - oldStart < shortest && !this.betweenLikeEdits(index)) continue;
      kept += Math.max(0, Math.min(end, oldEnd) - Math.max(start, oldStart));
    }
    return kept;
  }

  /** Code points of the newer text's `[start, end)` that come from the older text. */
  keptInNewer(start: number, end: number): number {
    return this.shared(this.newStarts, start, end);
  }

  private shared(starts: number[], start: number, end: number): number {
    if (start >= end || this.stretches === 0) return 0;
    const first = Math.max(0, lastAtOrBefore(starts, start));
    const last = lastAtOrBefore(starts, end - 1);
    if (last < first) return 0;
    const whole = this.at(this.sharedBefore, last + 1) - this.at(this.sharedBefore, first);
    const firstStart = this.at(starts, first);
    const lastEnd = this.at(starts, last) + this.at(this.lengths, last);
    const cutBefore = Math.min(Math.max(0, start - firstStart), this.at(this.lengths, first));
    const cutAfter = Math.max(0, lastEnd - end);
    return Math.max(0, whole - cutBefore - cutAfter);
  }

  private lastStretchStartingAtOrBefore(offset: number): number {
    return lastAtOrBefore(this.oldStarts, offset);
  }

  private lastStretchStartingBefore(offset: number): number {
    return lastAtOrBefore(this.oldStarts, offset - 1);
  }

  private oldEnd(index: number): number {
    return this.at(this.oldStarts, index) + this.at(this.lengths, index);
  }

  private newEnd(index: number): number {
    return this.at(this.newStarts, index) + this.at(this.lengths, index);
  }

  private at(values: number[], index: number): number {
    return values[index] ?? 0;
  }
}

export function isReplacement(hunk: Hunk): boolean {
  return hunk.oldEnd > hunk.oldStart && hunk.newEnd > hunk.newStart;
}

export function isEmpty(hunk: Hunk): boolean {
  return hunk.oldStart === hunk.oldEnd && hunk.newStart === hunk.newEnd;
}

/** Index of the last value ≤ `value` in an ascending array, or -1. */
function lastAtOrBefore(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
