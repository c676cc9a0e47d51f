import type { AnnotatedView } from '@marginalia/projections';
import { ViewCache } from './view-cache';

/** A view of `annotations` annotations over one segment naming them all. */
function viewOf(articleId: string, annotations: number): AnnotatedView {
  const ids = Array.from({ length: annotations }, (_, i) => `${articleId}-${i}`);
  return {
    articleId,
    title: articleId,
    revision: 1,
    text: 'x'.repeat(10),
    position: 1,
    annotations: ids.map((id) => ({ id, type: 'claim', status: 'open', anchor: null })),
    segments: [{ start: 0, end: 10, annotationIds: ids }],
    notices: [],
  };
}

describe('the cache of rendered views', () => {
  it('answers a view only with the stamp it was rendered at', () => {
    const cache = new ViewCache({ views: 4, weight: 1000 });
    const view = viewOf('a', 2);
    cache.set('a', 's1', view);
    expect(cache.get('a', 's1')).toBe(view);
    expect(cache.get('a', 's2')).toBeUndefined();
    // A stale view is dropped, not kept for its old stamp.
    expect(cache.get('a', 's1')).toBeUndefined();
  });

  it('keeps at most its number of views, dropping the least recently used', () => {
    const cache = new ViewCache({ views: 2, weight: 1000 });
    cache.set('a', 's', viewOf('a', 1));
    cache.set('b', 's', viewOf('b', 1));
    cache.get('a', 's');
    cache.set('c', 's', viewOf('c', 1));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 's')).toBeUndefined();
    expect(cache.get('a', 's')).toBeDefined();
    expect(cache.get('c', 's')).toBeDefined();
  });

  it('keeps at most its weight of views, and never a view heavier than all of it', () => {
    // Weight of viewOf(_, n): 1 + n annotations + n references + 1 block of text.
    const cache = new ViewCache({ views: 10, weight: 50 });
    cache.set('a', 's', viewOf('a', 10)); // 22
    cache.set('b', 's', viewOf('b', 10)); // 22
    cache.set('c', 's', viewOf('c', 10)); // 22: over 50, so a goes
    expect(cache.get('a', 's')).toBeUndefined();
    expect(cache.get('b', 's')).toBeDefined();
    cache.set('d', 's', viewOf('d', 30)); // 62: never kept
    expect(cache.get('d', 's')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
