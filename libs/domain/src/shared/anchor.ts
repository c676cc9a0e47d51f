/**
 * Where an annotation points (SPEC §3): a half-open range of Unicode code points in one
 * revision of its article's text, with the quote and its context as they stood there.
 */
export interface Anchor {
  revision: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  state: 'anchored' | 'orphaned';
}

/** How an annotation reached its current revision (SPEC §8). */
export type ReanchorMethod = 'unchanged' | 'shifted' | 'exact_quote' | 'fuzzy' | 'manual';
