import { type RevisionText } from './revision-text';

/** A span of one revision's text, in code points, with its quote and context (SPEC §3, §8). */
export interface Anchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** Code points of context on each side of a span. */
export const CONTEXT_LENGTH = 32;

/** The longest run of whole grapheme clusters ending at `start`, of at most 32 code points. */
export function prefixBefore(text: RevisionText, start: number): string {
  return text.slice(text.boundaryAtOrAfter(Math.max(0, start - CONTEXT_LENGTH)), start);
}

/** The longest run of whole grapheme clusters starting at `end`, of at most 32 code points. */
export function suffixAfter(text: RevisionText, end: number): string {
  return text.slice(end, text.boundaryAtOrBefore(Math.min(text.length, end + CONTEXT_LENGTH)));
}

/** The anchor of a span already known to be valid in this text. */
export function anchorAt(text: RevisionText, start: number, end: number): Anchor {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: prefixBefore(text, start),
    suffix: suffixAfter(text, end),
  };
}

/** UTF-16 offsets of an anchor, for clients working with JavaScript or DOM offsets. */
export function utf16Range(
  text: RevisionText,
  span: { start: number; end: number },
): { utf16Start: number; utf16End: number } {
  return { utf16Start: text.utf16Offset(span.start), utf16End: text.utf16Offset(span.end) };
}
