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
