import { certainBoundaryBetween, clusterBoundariesInside } from './graphemes';

/**
 * One revision's text, indexed once for what anchoring asks of it many times: offsets in code
 * points (the SPEC's unit) and in UTF-16 units (JavaScript's and the DOM's), code points by
 * position, and grapheme cluster boundaries. Build it once per text and reuse it: converting
 * an offset costs a binary search over the text's astral characters, nothing for a text
 * without any.
 */
export class RevisionText {
  /** Length in code points. */
  readonly length: number;
  /** Code point offsets of the characters outside the Basic Multilingual Plane. */
  private readonly astral: number[] = [];
  private readonly boundaries = new Map<number, boolean>();

  private constructor(readonly text: string) {
    for (let unit = 0; unit < text.length; unit += 1) {
      const code = text.charCodeAt(unit);
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
        const next = text.charCodeAt(unit + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(unit - this.astral.length);
          unit += 1;
        }
      }
    }
    this.length = text.length - this.astral.length;
  }

  static of(text: string | RevisionText): RevisionText {
    return typeof text === 'string' ? new RevisionText(text) : text;
  }

  /** The UTF-16 offset of a code point offset (0 ≤ offset ≤ length). */
  utf16Offset(offset: number): number {
    return offset + countBelow(this.astral, offset);
  }

  /** The code point offset of a UTF-16 offset that does not fall inside a surrogate pair. */
  codePointOffset(utf16Offset: number): number {
    let low = 0;
    let high = this.astral.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.astral[middle] ?? 0) + middle < utf16Offset) low = middle + 1;
      else high = middle;
    }
    return utf16Offset - low;
  }

  codePointAt(offset: number): number {
    return this.text.codePointAt(this.utf16Offset(offset)) ?? 0;
  }

  slice(start: number, end: number): string {
    return this.text.slice(this.utf16Offset(start), this.utf16Offset(end));
  }

  isGraphemeBoundary(offset: number): boolean {
    if (offset <= 0 || offset >= this.length) return offset === 0 || offset === this.length;
    if (this.certainBoundary(offset)) return true;
    const known = this.boundaries.get(offset);
    if (known !== undefined) return known;
    this.segmentAround(offset);
    return this.boundaries.get(offset) ?? false;
  }

  /** The first grapheme boundary at or after `offset`. */
  boundaryAtOrAfter(offset: number): number {
    let position = Math.max(0, offset);
    while (position < this.length && !this.isGraphemeBoundary(position)) position += 1;
    return Math.min(position, this.length);
  }

  /** The last grapheme boundary at or before `offset`. */
  boundaryAtOrBefore(offset: number): number {
    let position = Math.min(this.length, offset);
    while (position > 0 && !this.isGraphemeBoundary(position)) position -= 1;
    return Math.max(position, 0);
  }

  private certainBoundary(offset: number): boolean {
    return certainBoundaryBetween(this.codePointAt(offset - 1), this.codePointAt(offset));
  }

  /** Segments the stretch between the nearest certain boundaries around `offset`. */
  private segmentAround(offset: number): void {
    let from = offset - 1;
    while (from > 0 && !this.certainBoundary(from)) from -= 1;
    let to = offset + 1;
    while (to < this.length && !this.certainBoundary(to)) to += 1;
    const start = this.utf16Offset(from);
    const found = new Set(
      clusterBoundariesInside(this.text.slice(start, this.utf16Offset(to))).map((unit) =>
        this.codePointOffset(start + unit),
      ),
    );
    for (let position = from + 1; position < to; position += 1) {
      this.boundaries.set(position, found.has(position));
    }
  }
}

function countBelow(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
