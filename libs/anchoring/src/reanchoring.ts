import { anchorAt, prefixBefore, suffixAfter } from './anchor';
import { followUntouched, surroundingsKept } from './diff-trust';
import { QuoteMismatchError } from './errors';
import {
  type PassageEvidence,
  type QuoteContext,
  SHORT_QUOTE,
  passageEvidence,
  samePassage,
} from './passage-evidence';
import { searchByQuote } from './quote-search';
import { SLIDE, findMoved } from './moved-text';
import {
  type ReanchorMethod,
  type ReanchorResult,
  type Reanchored,
  orphaned,
} from './reanchor-result';
import { RevisionDiff } from './revision-diff';
import { RevisionText } from './revision-text';
import { checkSpan } from './selector';
import { thinnedPassage } from './thinned-passage';

/** What re-anchoring needs of an annotation's anchor in the older revision. */
export interface AnchoredSpan {
  start: number;
  end: number;
  exact: string;
}

interface DiffCandidate extends PassageEvidence {
  start: number;
  end: number;
  /** Whether the text there is the span's text, unchanged. */
  identical: boolean;
  acceptable: boolean;
}

/**
 * Moves annotations from one revision's text to the next. The diff of the two texts is
 * computed once; each annotation then follows its passage (docs/text-and-anchoring.md):
 * through the diff when its text is untouched, else by its exact quote and context, else to
 * what the diff made of its edited text when that is still the same passage; otherwise it is
 * orphaned with a reason.
 */
export class Reanchoring {
  private readonly diff: RevisionDiff;

  constructor(older: string | RevisionText, newer: string | RevisionText) {
    this.diff = new RevisionDiff(RevisionText.of(older), RevisionText.of(newer));
  }

  reanchor(span: AnchoredSpan): ReanchorResult {
    const { older } = this.diff;
    const { start, end, exact } = span;
    checkSpan(older, start, end);
    if (older.slice(start, end) !== exact) throw new QuoteMismatchError(start, end);
    const context = { prefix: prefixBefore(older, start), suffix: suffixAfter(older, end) };
    return (
      this.untouched(start, end, exact, context) ??
      this.moved(start, end, context) ??
      this.searched(start, end, exact, context)
    );
  }

  /** Its text untouched: unchanged or shifted, as the diff says. */
  private untouched(
    start: number,
    end: number,
    exact: string,
    context: QuoteContext,
  ): ReanchorResult | undefined {
    const kept = followUntouched(this.diff, start, end, context);
    if (kept === undefined) return undefined;
    // Where the diff could align a repeated word either way ("林武" opening two paragraphs),
    // the place whose context agrees is the one the passage went to.
    const byQuote = kept.wholeSide ? undefined : searchByQuote(this.diff.newer, exact, context);
    if (byQuote?.outcome === 'found' && byQuote.match.start !== kept.start) {
      const { match } = byQuote;
      return this.anchored('exact_quote', match.start, match.end, context, end - start);
    }
    const method = kept.start === start ? 'unchanged' : 'shifted';
    const anchor = anchorAt(this.diff.newer, kept.start, kept.start + (end - start));
    return { method, score: 1, anchor };
  }

  /** Its text deleted here and inserted elsewhere: a moved paragraph. */
  private moved(start: number, end: number, context: QuoteContext): ReanchorResult | undefined {
    const moved = findMoved(this.diff, start, end);
    if (moved === undefined) return undefined;
    return this.anchored('exact_quote', moved, moved + (end - start), context, end - start);
  }

  /**
   * Its own text edited or gone: the exact quote where its context stands, else what the diff
   * made of it if still the same passage, else the piece a move took along; or an orphan.
   */
  private searched(
    start: number,
    end: number,
    exact: string,
    context: QuoteContext,
  ): ReanchorResult {
    const byQuote = searchByQuote(this.diff.newer, exact, context);
    const candidate = this.diffCandidate(start, end, context);
    if (byQuote.outcome === 'found') {
      const { match } = byQuote;
      const apart = candidate && (candidate.end <= match.start || match.end <= candidate.start);
      if (candidate?.acceptable && apart) {
        return orphaned('quote_ambiguous', Math.max(match.score, candidate.score));
      }
      return this.anchored('exact_quote', match.start, match.end, context, end - start);
    }
    if (candidate?.acceptable && byQuote.outcome !== 'ambiguous') {
      const anchor = anchorAt(this.diff.newer, candidate.start, candidate.end);
      const method = candidate.identical ? 'exact_quote' : 'fuzzy';
      return { method, score: candidate.score, anchor };
    }
    const piece = byQuote.outcome === 'ambiguous' ? undefined : this.movedPiece(start, end);
    if (piece) {
      return this.anchored('fuzzy', piece.start, piece.end, context, end - start, piece.kept);
    }
    const score = Math.max(candidate?.score ?? 0, 'score' in byQuote ? byQuote.score : 0);
    if (byQuote.outcome === 'ambiguous') return orphaned('quote_ambiguous', score);
    if (candidate === undefined) return orphaned('text_deleted', score);
    return orphaned(candidate.identical ? 'context_changed' : 'text_changed', score);
  }

  private anchored(
    method: ReanchorMethod,
    start: number,
    end: number,
    context: QuoteContext,
    length: number,
    kept = length,
  ): Reanchored {
    const { newer } = this.diff;
    const { score } = passageEvidence(newer, start, end, context, length, kept);
    return { method, score, anchor: anchorAt(newer, start, end) };
  }

  /**
   * When a paragraph move cut the span in two and the piece that went with the moved paragraph
   * is still the same passage: that piece's place. The cut may lie a few code points off where
   * the diff slid the moved block along repeated characters ("。\n\n").
   */
  private movedPiece(
    start: number,
    end: number,
  ): { start: number; end: number; kept: number } | undefined {
    const edits = this.diff.editsInside(start, end);
    const [edit] = edits;
    if (edits.length !== 1 || !edit) return undefined;
    if (edit.oldStart > start && edit.oldEnd < end) return undefined;
    const pieceStart = Math.max(start, edit.oldStart);
    const pieceEnd = Math.min(end, edit.oldEnd);
    for (let slide = 0; slide <= SLIDE; slide += 1) {
      for (const [from, to] of [
        [pieceStart + slide, pieceEnd],
        [pieceStart, pieceEnd - slide],
      ] as const) {
        const kept = to - from;
        if (!samePassage(end - start, kept, kept)) continue;
        const moved = findMoved(this.diff, from, to);
        if (moved !== undefined) return { start: moved, end: moved + kept, kept };
      }
    }
    return undefined;
  }

  /**
   * What the diff made of the span when its own text was edited: acceptable when it is still
   * the same passage (samePassage), or the same passage thinned by short deletions
   * (thinnedPassage), and the diff kept most of its surroundings.
   */
  private diffCandidate(
    start: number,
    end: number,
    context: QuoteContext,
  ): DiffCandidate | undefined {
    const { diff } = this;
    const { newer } = diff;
    const mappedStart = diff.mapStart(start);
    const mappedEnd = diff.mapEnd(end);
    if (mappedStart >= mappedEnd) return undefined;
    const from = newer.boundaryAtOrBefore(mappedStart);
    const to = newer.boundaryAtOrAfter(mappedEnd);
    const length = end - start;
    // Phrases a rewrite happens to share ("高质量发展") do not make it the same passage.
    const keptInside = diff.keptInOlder(start, end, SHORT_QUOTE);
    const evidence = passageEvidence(newer, from, to, context, length, keptInside);
    const identical = keptInside === length && to - from === length;
    const same = identical
      ? evidence.wholeSide
      : samePassage(length, to - from, keptInside) || thinnedPassage(diff, start, end);
    const acceptable =
      same && surroundingsKept(this.diff, start, end, from, to) && !diff.blind(start, end);
    return { start: from, end: to, identical, acceptable, ...evidence };
  }
}

export function prepareReanchoring(
  older: string | RevisionText,
  newer: string | RevisionText,
): Reanchoring {
  return new Reanchoring(older, newer);
}

/** Re-anchors every span of the older revision in the newer one, in order. */
export function reanchor(
  older: string | RevisionText,
  newer: string | RevisionText,
  spans: readonly AnchoredSpan[],
): ReanchorResult[] {
  const reanchoring = new Reanchoring(older, newer);
  return spans.map((span) => reanchoring.reanchor(span));
}
