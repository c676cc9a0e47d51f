/**
 * What a revision changed: the two texts with their common beginning and end trimmed, leaving
 * the removed and the added middle, and some context either side. Offsets never fall inside a
 * surrogate pair (so no half character is shown) and, where the browser can tell, never inside
 * a grapheme cluster (so an accent is never shown apart from its letter). Pure, so it is tested
 * without a browser.
 */

export interface TextChange {
  /** Context before the change, up to `context` code points, starting on a whole character. */
  before: string;
  removed: string;
  added: string;
  after: string;
  /** Whether the context was cut (more text lies beyond it). */
  cutBefore: boolean;
  cutAfter: boolean;
  /** Code-point offset of the change in the old text. */
  start: number;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Whether UTF-16 offset `i` of `text` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

/** The grapheme boundary at or before `i`, looking only at the text near it. */
function graphemeStartAtOrBefore(text: string, i: number): number {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter || i <= 0 || i >= text.length) return i;
  const from = Math.max(0, i - 64);
  const segments = new Segmenter(undefined, { granularity: 'grapheme' }).segment(
    text.slice(from, Math.min(text.length, i + 64)),
  );
  const containing = segments.containing(i - from);
  return containing ? from + containing.index : i;
}

/** The changed region of `older` → `newer`, or undefined when they are equal. */
export function changeBetween(older: string, newer: string, context = 80): TextChange | undefined {
  if (older === newer) return undefined;
  const shortest = Math.min(older.length, newer.length);
  let prefix = 0;
  while (prefix < shortest && older.charCodeAt(prefix) === newer.charCodeAt(prefix)) prefix++;
  if (splitsPair(older, prefix) || splitsPair(newer, prefix)) prefix--;
  prefix = Math.min(graphemeStartAtOrBefore(older, prefix), graphemeStartAtOrBefore(newer, prefix));

  let suffix = 0;
  const room = shortest - prefix;
  while (
    suffix < room &&
    older.charCodeAt(older.length - 1 - suffix) === newer.charCodeAt(newer.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Shrink the common end until it starts on a whole character in both texts.
  while (suffix > 0) {
    const oldEnd = older.length - suffix;
    const newEnd = newer.length - suffix;
    const whole =
      !splitsPair(older, oldEnd) &&
      !splitsPair(newer, newEnd) &&
      graphemeStartAtOrBefore(older, oldEnd) === oldEnd &&
      graphemeStartAtOrBefore(newer, newEnd) === newEnd;
    if (whole) break;
    suffix--;
  }

  const common = older.slice(0, prefix);
  const ending = older.slice(older.length - suffix);
  const before = lastCodePoints(common, context);
  const after = firstCodePoints(ending, context);
  return {
    before,
    removed: older.slice(prefix, older.length - suffix),
    added: newer.slice(prefix, newer.length - suffix),
    after,
    cutBefore: before.length < common.length,
    cutAfter: after.length < ending.length,
    start: codePointLength(common),
  };
}

/** The last `count` code points of `text`, widened to start on a grapheme boundary. */
export function lastCodePoints(text: string, count: number): string {
  let i = text.length;
  for (let n = 0; n < count && i > 0; n++) {
    i -= i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
  }
  return text.slice(graphemeStartAtOrBefore(text, i));
}

/** The first `count` code points of `text`, widened to end on a grapheme boundary. */
export function firstCodePoints(text: string, count: number): string {
  let i = 0;
  for (let n = 0; n < count && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  const start = graphemeStartAtOrBefore(text, i);
  if (start < i) i = start + nextGraphemeLength(text, start);
  return text.slice(0, i);
}

function nextGraphemeLength(text: string, at: number): number {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return 0;
  const first = new Segmenter(undefined, { granularity: 'grapheme' })
    .segment(text.slice(at, at + 128))
    [Symbol.iterator]()
    .next();
  return first.done ? 0 : first.value.segment.length;
}

function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}
