/**
 * Code points (the API's offsets, SPEC §3) and UTF-16 code units (JavaScript's and the DOM's).
 * Pure, so it is tested without a browser.
 */

/** `utf16[i]` is the UTF-16 offset of code point `i`; one entry more than the code points. */
export function utf16OffsetsOfCodePoints(text: string): Uint32Array {
  const offsets = new Uint32Array(countCodePoints(text) + 1);
  let codePoint = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[codePoint++] = i;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  offsets[codePoint] = text.length;
  return offsets;
}

export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * The code point at or around a UTF-16 offset of `text`. A DOM selection counts UTF-16 units,
 * so its boundary may fall between the two halves of a surrogate pair: `snap` moves it to the
 * whole character's edge (back for a start, forward for an end, so the character is kept).
 */
export function codePointOffsetOfUtf16(
  text: string,
  utf16Offset: number,
  snap: 'back' | 'forward',
): number {
  let offset = Math.max(0, Math.min(utf16Offset, text.length));
  if (offset > 0 && offset < text.length && isLowSurrogateAfterHigh(text, offset)) {
    offset += snap === 'back' ? -1 : 1;
  }
  return countCodePoints(text.slice(0, offset));
}

function isLowSurrogateAfterHigh(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
}

/** How much context a selector carries on each side, as the server keeps it (SPEC §8). */
export const CONTEXT_CODE_POINTS = 32;

/**
 * The W3C position and quote of `[start, end)` (code points) in `text`, with up to 32 code
 * points of context on each side. The server recomputes the context on grapheme boundaries;
 * ours only helps it choose among repeats.
 */
export function quoteSelectorOf(
  text: string,
  start: number,
  end: number,
): { start: number; end: number; exact: string; prefix: string; suffix: string } {
  const offsets = utf16OffsetsOfCodePoints(text);
  const last = offsets.length - 1;
  const at = (codePoint: number) => offsets[Math.max(0, Math.min(codePoint, last))]!;
  return {
    start,
    end,
    exact: text.slice(at(start), at(end)),
    prefix: text.slice(at(start - CONTEXT_CODE_POINTS), at(start)),
    suffix: text.slice(at(end), at(end + CONTEXT_CODE_POINTS)),
  };
}
