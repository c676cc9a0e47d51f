import { occurrencesOf } from './occurrences';
import { type PassageEvidence, type QuoteContext, passageEvidence } from './passage-evidence';
import { type RevisionText } from './revision-text';
import { countCodePoints } from './unicode';

export interface QuoteMatch extends PassageEvidence {
  start: number;
  end: number;
}

export type QuoteSearch =
  | { outcome: 'found'; match: QuoteMatch }
  | { outcome: 'not_found' }
  | { outcome: 'ambiguous'; score: number }
  | { outcome: 'no_context'; score: number };

/**
 * Looks for the passage by its exact quote alone, anywhere in the text: the occurrence whose
 * surroundings agree best with the quote's context, when one side of its context agrees
 * entirely and no other occurrence agrees as well.
 */
export function searchByQuote(
  text: RevisionText,
  exact: string,
  context: QuoteContext,
): QuoteSearch {
  const length = countCodePoints(exact);
  let best: QuoteMatch | undefined;
  let tied = false;
  for (const occurrence of occurrencesOf(text, exact)) {
    const evidence = passageEvidence(text, occurrence.start, occurrence.end, context, length);
    const order = best === undefined ? 1 : compare(evidence, best);
    if (order > 0) {
      best = { ...occurrence, ...evidence };
      tied = false;
    } else if (order === 0) {
      tied = true;
    }
  }
  if (best === undefined) return { outcome: 'not_found' };
  if (!best.wholeSide) return { outcome: 'no_context', score: best.score };
  if (tied) return { outcome: 'ambiguous', score: best.score };
  return { outcome: 'found', match: best };
}

function compare(one: PassageEvidence, other: PassageEvidence): number {
  if (one.wholeSide !== other.wholeSide) return one.wholeSide ? 1 : -1;
  return one.context - other.context;
}
