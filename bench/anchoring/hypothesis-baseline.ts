import approxSearch from 'approx-string-match';

/** What a browser annotator stores of a span: UTF-16 offsets, quote and 32 units of context. */
export interface BrowserSelector {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

const CONTEXT_UNITS = 32;

export function browserSelector(text: string, start: number, end: number): BrowserSelector {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_UNITS), start),
    suffix: text.slice(end, end + CONTEXT_UNITS),
  };
}

/**
 * How Hypothesis anchors an annotation on a page it sees for the first time (hypothesis/client,
 * src/annotator/anchoring/html.ts and match-quote.ts, BSD-2-Clause), on the new text alone: the
 * stored position if the quote is still there, else the best-scoring approximate match of the
 * quote (up to half its length in errors), weighing quote 50, prefix 20, suffix 20 and
 * closeness to the old position 2. Offsets in UTF-16 units; null is an orphan.
 */
export function hypothesisAnchor(
  text: string,
  selector: BrowserSelector,
): { start: number; end: number } | null {
  if (text.slice(selector.start, selector.end) === selector.exact) {
    return { start: selector.start, end: selector.end };
  }
  const { exact, prefix, suffix } = selector;
  if (exact.length === 0) return null;
  const matches = search(text, exact, Math.min(256, exact.length / 2));
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const quoteScore = 1 - match.errors / exact.length;
    const prefixScore = prefix
      ? similarity(text.slice(Math.max(0, match.start - prefix.length), match.start), prefix)
      : 1;
    const suffixScore = suffix
      ? similarity(text.slice(match.end, match.end + suffix.length), suffix)
      : 1;
    const positionScore = 1 - Math.abs(match.start - selector.start) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    if (best === null || score > best.score) best = { start: match.start, end: match.end, score };
  }
  return best && { start: best.start, end: best.end };
}

function search(
  text: string,
  pattern: string,
  maxErrors: number,
): { start: number; end: number; errors: number }[] {
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return exact.length > 0 ? exact : approxSearch(text, pattern, maxErrors);
}

function similarity(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const [best] = search(text, pattern, pattern.length);
  return best ? 1 - best.errors / pattern.length : 0;
}
