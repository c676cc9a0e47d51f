import { FoldedCache } from './folded-cache';

describe('FoldedCache', () => {
  const sized = (entries: number, weight: number) =>
    new FoldedCache<string>({ entries, weight }, (state) => state.length);

  it('drops the least recently used stream first when over the count', () => {
    const cache = sized(2, 100);
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    expect(cache.get('a')).toEqual(expect.objectContaining({ state: 'A' }));
    cache.set('c', 'C', 0);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe('A');
    expect(cache.get('c')?.state).toBe('C');
  });

  it('keeps the total weight under its limit and skips a state heavier than it', () => {
    const cache = sized(10, 10);
    cache.set('a', 'aaaa', 0);
    cache.set('b', 'bbbb', 0);
    cache.set('c', 'cccc', 0);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.set('huge', 'x'.repeat(11), 0);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('never replaces a state folded further with an older one', () => {
    const cache = sized(10, 100);
    cache.set('a', 'new', 5);
    cache.set('a', 'old', 3);
    expect(cache.get('a')).toEqual({ state: 'new', version: 5, weight: 3 });
    cache.set('a', 'newer', 6);
    expect(cache.get('a')?.state).toBe('newer');
    expect(cache.weight).toBe(5);
  });
});
