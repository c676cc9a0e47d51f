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
  private readonly entries = new Map<
    string,
    { stamp: string; view: AnnotatedView; weight: number }
  >();
  private weight = 0;

  constructor(private readonly limits: ViewCacheLimits = VIEW_CACHE_LIMITS) {}

  get(articleId: string, stamp: string): AnnotatedView | undefined {
    const entry = this.entries.get(articleId);
    if (!entry) return undefined;
    this.remove(articleId);
    if (entry.stamp !== stamp) return undefined;
    this.entries.set(articleId, entry);
    this.weight += entry.weight;
    return entry.view;
  }

  set(articleId: string, stamp: string, view: AnnotatedView): void {
    this.remove(articleId);
    const weight = weightOf(view);
    if (weight > this.limits.weight) return;
    this.entries.set(articleId, { stamp, view, weight });
    this.weight += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.views && this.weight <= this.limits.weight) break;
      this.remove(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(articleId: string): void {
    const entry = this.entries.get(articleId);
    if (!entry) return;
    this.entries.delete(articleId);
    this.weight -= entry.weight;
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
