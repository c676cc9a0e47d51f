import { type Anchor, anchorAt } from './anchor';
import { EmptySpanError } from './errors';
import { searchByQuote } from './quote-search';
import { type ReanchorResult, orphaned } from './reanchor-result';
import { RevisionText } from './revision-text';

/**
 * Retries an orphan on a later revision by its exact quote and context only (SPEC §8): the
 * revision where it was lost is not consulted, so no diff can vouch for a place; the quote must
 * stand where its context agrees, and nowhere else as well.
 */
export function reanchorByQuote(
  text: string | RevisionText,
  anchor: Pick<Anchor, 'exact' | 'prefix' | 'suffix'>,
): ReanchorResult {
  if (anchor.exact === '') throw new EmptySpanError('the quote is empty');
  const revision = RevisionText.of(text);
  const search = searchByQuote(revision, anchor.exact, anchor);
  switch (search.outcome) {
    case 'found':
      return {
        method: 'exact_quote',
        score: search.match.score,
        anchor: anchorAt(revision, search.match.start, search.match.end),
      };
    case 'not_found':
      return orphaned('quote_not_found');
    case 'ambiguous':
      return orphaned('quote_ambiguous', search.score);
    case 'no_context':
      return orphaned('context_changed', search.score);
  }
}
