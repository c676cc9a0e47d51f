import { agreementAfter, agreementBefore } from './context-agreement';
import { type RevisionText } from './revision-text';
import { countCodePoints } from './unicode';

/**
 * Quotes shorter than this (a name, a figure: "13.78亿吨") follow only when their text is
 * exactly the same: an edited short quote is a different statement.
 */
export const SHORT_QUOTE = 8;

/**
 * A stored context side shorter than this was cut short by the text's edge (or, by a few code
 * points, by a grapheme cluster); one at least this long is a real stretch of text.
 */
const SUBSTANTIAL_SIDE = 16;

/**
 * Whether an edited passage is still the same passage: not a short quote, at least half of its
 * old text still there, and at least half of its new text old.
 */
export function samePassage(oldLength: number, newLength: number, kept: number): boolean {
  return oldLength >= SHORT_QUOTE && 2 * kept >= oldLength && 2 * kept >= newLength;
}

/** The quote's context, as it stood around the span in its own revision. */
export interface QuoteContext {
  prefix: string;
  suffix: string;
}

export interface PassageEvidence {
  /** Code points of the context that agree, both sides together. */
  context: number;
  /**
   * Whether one side of the context agrees entirely: the place is then where the passage
   * stands, not the same words used again. Phrases repeat in news text ("深入学习贯彻习近平
   * 总书记视察山西重要讲话重要指示精神"), with ten or twenty characters of agreeing context;
   * a whole side of 32 rarely does.
   */
  wholeSide: boolean;
  /** Share of prefix, quote and suffix that agrees, from 0 to 1. */
  score: number;
}

/**
 * How well the place `[start, end)` of `text` agrees with a passage of `quoteLength` code
 * points with this context, of which `kept` code points are still there.
 */
export function passageEvidence(
  text: RevisionText,
  start: number,
  end: number,
  { prefix, suffix }: QuoteContext,
  quoteLength: number,
  kept = quoteLength,
): PassageEvidence {
  const prefixLength = countCodePoints(prefix);
  const suffixLength = countCodePoints(suffix);
  const before = agreementBefore(text, start, prefix);
  const after = agreementAfter(text, end, suffix);
  const wholeSide =
    wholeSideAgrees(before, prefixLength, start - before === 0) ||
    wholeSideAgrees(after, suffixLength, end + after === text.length);
  const longer = Math.max(quoteLength, end - start);
  const score = (before + kept + after) / (prefixLength + longer + suffixLength);
  return { context: before + after, wholeSide, score: Math.round(score * 1000) / 1000 };
}

/**
 * A side agrees entirely when all of it matches and it is a real stretch of text, or it was
 * cut short by the text's edge and the place stands at the same edge.
 */
function wholeSideAgrees(agreeing: number, length: number, atEdge: boolean): boolean {
  return agreeing === length && (length >= SUBSTANTIAL_SIDE || atEdge);
}
