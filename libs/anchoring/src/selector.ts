import { type Anchor, anchorAt } from './anchor';
import { agreementAfter, agreementBefore } from './context-agreement';
import {
  EmptySpanError,
  InvalidSelectorError,
  QuoteAmbiguousError,
  QuoteMismatchError,
  QuoteNotFoundError,
  SpanOutOfRangeError,
  SpanSplitsGraphemeError,
} from './errors';
import { occurrencesOf } from './occurrences';
import { RevisionText } from './revision-text';
import { checkArticleUnicode } from './unicode';

/** What a client sends to point at a span: a position, a quote, or both (SPEC §3). */
export interface Selector {
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

const QUOTE_FIELDS = ['exact', 'prefix', 'suffix'] as const;

/**
 * The anchor a selector points at, with `exact`, `prefix` and `suffix` always recomputed from
 * the text. Refusals come in the SPEC §8 order: the selector's shape, then `invalid_unicode`,
 * then the span checks, then the quote checks.
 */
export function resolveSelector(text: string | RevisionText, selector: Selector): Anchor {
  const revision = RevisionText.of(text);
  checkShape(selector);
  checkSelectorUnicode(selector);
  const { start, end, exact } = selector;
  if (start !== undefined && end !== undefined) {
    checkSpan(revision, start, end);
    const anchor = anchorAt(revision, start, end);
    if (exact !== undefined && exact !== anchor.exact) throw new QuoteMismatchError(start, end);
    return anchor;
  }
  if (exact === undefined || exact === '') throw new EmptySpanError('the quote is empty');
  const chosen = chooseAmongRepeats(revision, exact, selector.prefix ?? '', selector.suffix ?? '');
  return anchorAt(revision, chosen.start, chosen.end);
}

/** Refuses a span that is empty, beyond the text or splits a grapheme cluster. */
export function checkSpan(text: RevisionText, start: number, end: number): void {
  if (start >= end) throw new EmptySpanError(`start ${start} is not before end ${end}`);
  if (end > text.length) throw new SpanOutOfRangeError(end, text.length);
  if (!text.isGraphemeBoundary(start)) throw new SpanSplitsGraphemeError(start);
  if (!text.isGraphemeBoundary(end)) throw new SpanSplitsGraphemeError(end);
}

/**
 * SPEC §8 "Choosing among repeats": each occurrence scores the code points of the given prefix
 * that match right before it plus those of the given suffix that match right after it; a
 * single best score wins, a tie is ambiguous.
 */
function chooseAmongRepeats(
  text: RevisionText,
  exact: string,
  prefix: string,
  suffix: string,
): { start: number; end: number } {
  const scored = occurrencesOf(text, exact).map((occurrence) => ({
    ...occurrence,
    score:
      agreementBefore(text, occurrence.start, prefix) +
      agreementAfter(text, occurrence.end, suffix),
  }));
  if (scored.length === 0) throw new QuoteNotFoundError();
  const best = scored.reduce((highest, { score }) => Math.max(highest, score), 0);
  const winners = scored.filter(({ score }) => score === best);
  const [winner] = winners;
  if (winners.length > 1 || !winner) throw new QuoteAmbiguousError(winners.map((w) => w.start));
  return winner;
}

function checkShape(selector: Selector): void {
  const { start, end, exact } = selector;
  for (const field of ['start', 'end'] as const) {
    const value = selector[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new InvalidSelectorError(field, 'must be a non-negative integer');
    }
  }
  if ((start === undefined) !== (end === undefined)) {
    throw new InvalidSelectorError(
      start === undefined ? 'start' : 'end',
      'is required with the other offset',
    );
  }
  for (const field of QUOTE_FIELDS) {
    const value = selector[field];
    if (value !== undefined && typeof value !== 'string') {
      throw new InvalidSelectorError(field, 'must be a string');
    }
  }
  if (start === undefined && exact === undefined) {
    throw new InvalidSelectorError(
      'selector',
      'needs a position (start and end), a quote (exact), or both',
    );
  }
}

/**
 * The quote and its context must be well-formed and in NFC to match article text; `prefix`
 * names the fields as the caller's input does (`selector.` in a request body).
 */
export function checkSelectorUnicode(selector: Selector, prefix = ''): void {
  for (const field of QUOTE_FIELDS) {
    const value = selector[field];
    if (value !== undefined) checkArticleUnicode(value, `${prefix}${field}`);
  }
}
