import { BoundedCache } from '@marginalia/platform';
import type { AnnotatedView } from '@marginalia/projections';

/** How many views the cache keeps at most, and how much of them (see `weightOf`). */
export interface ViewCacheLimits {
  views: number;
  weight: number;
}

/**
 * About 16 views of a thousand annotations (some 35 MB with the JSON the server keeps beside
 * them), or 5 of the benchmark newsroom's heaviest view (2,000 annotations over one another).
 */
export const VIEW_CACHE_LIMITS: ViewCacheLimits = { views: 64, weight: 300_000 };

/**
 * Annotated views already rendered from the read models, each with the stamp of the rows it
 * was rendered from (`ReadModelDatabase.rowsStamp`): a view is served again only while its
 * article's stamp is unchanged. The least recently used views go first.
 */
export class ViewCache {
  private readonly cache: BoundedCache<{ stamp: string; view: AnnotatedView }>;

  constructor(limits: ViewCacheLimits = VIEW_CACHE_LIMITS) {
    this.cache = new BoundedCache({ entries: limits.views, weight: limits.weight }, (entry) =>
      weightOf(entry.view),
    );
  }

  get(articleId: string, stamp: string): AnnotatedView | undefined {
    const entry = this.cache.get(articleId);
    if (!entry) return undefined;
    if (entry.stamp === stamp) return entry.view;
    this.cache.delete(articleId);
    return undefined;
  }

  set(articleId: string, stamp: string, view: AnnotatedView): void {
    this.cache.set(articleId, { stamp, view });
  }

  get size(): number {
    return this.cache.size;
  }
}

/**
 * A view's size in the pieces its memory grows with: annotations, references from segments to
 * annotations, and the text in blocks of 64 characters.
 */
function weightOf(view: AnnotatedView): number {
  let references = 0;
  for (const segment of view.segments) references += segment.annotationIds.length;
  return 1 + view.annotations.length + references + Math.ceil(view.text.length / 64);
}
