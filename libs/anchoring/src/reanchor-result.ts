import { type Anchor } from './anchor';

/**
 * How an annotation followed its passage to a new revision: `unchanged` (same offsets, same
 * text), `shifted` (same text, moved by edits elsewhere), `exact_quote` (found again by its
 * quote and context), `fuzzy` (its own text was edited, within what keeps it the same
 * passage).
 */
export type ReanchorMethod = 'unchanged' | 'shifted' | 'exact_quote' | 'fuzzy';

/**
 * Why an annotation could not follow: its text was deleted, or edited too much to be the same
 * passage, or its quote is still there but nothing around it agrees (`context_changed`), or it
 * stands in several places that cannot be told apart, or it is nowhere.
 */
export type OrphanReason =
  'text_deleted' | 'text_changed' | 'context_changed' | 'quote_ambiguous' | 'quote_not_found';

export interface Reanchored {
  method: ReanchorMethod;
  /** How much of quote and context agrees at the new place, from 0 to 1. */
  score: number;
  anchor: Anchor;
}

export interface Orphaned {
  method: 'orphaned';
  /** The best agreement seen among the places that were refused, from 0 to 1. */
  score: number;
  reason: OrphanReason;
}

export type ReanchorResult = Reanchored | Orphaned;

export function orphaned(reason: OrphanReason, score = 0): Orphaned {
  return { method: 'orphaned', score, reason };
}
