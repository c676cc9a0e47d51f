import { describe, expect, it } from '@jest/globals';
import { piecesOf } from './pieces';
import type { AnnotatedView, ViewAnnotation } from './view-types';

const TEXT = '产量𠮷达到13亿吨👍🏽。';

function claim(id: string, start: number, end: number, rating: string | null): ViewAnnotation {
  return {
    id,
    type: 'claim',
    status: rating ? 'published' : 'open',
    rating,
    statement: id,
    anchor: { revision: 1, start, end, exact: '', prefix: '', suffix: '', state: 'anchored' },
  };
}

function view(
  annotations: ViewAnnotation[],
  cuts: Array<[number, number, string[]]>,
): AnnotatedView {
  return {
    articleId: 'a',
    title: 't',
    revision: 1,
    text: TEXT,
    position: 1,
    annotations,
    segments: cuts.map(([start, end, annotationIds]) => ({ start, end, annotationIds })),
    notices: [],
  };
}

describe('the pieces the reader marks', () => {
  it('cuts the text by code points, astral characters and emoji whole', () => {
    const pieces = piecesOf(
      view(
        [],
        [
          [0, 3, []],
          [3, 10, []],
          [10, 12, []],
        ],
      ),
    );
    expect(pieces.map((p) => p.text)).toEqual(['产量𠮷', '达到13亿吨👍', '🏽。']);
    expect(pieces.map((p) => p.text).join('')).toBe(TEXT);
  });

  it('shows each rated claim’s rating on its last piece, and every rating that ends there', () => {
    const a = claim('a', 0, 5, 'mostly_true');
    const b = claim('b', 3, 5, 'false');
    const c = claim('c', 3, 9, null);
    const pieces = piecesOf(
      view(
        [a, b, c],
        [
          [0, 3, ['a']],
          [3, 5, ['a', 'b', 'c']],
          [5, 9, ['c']],
          [9, 12, []],
        ],
      ),
    );
    expect(pieces.map((p) => p.endsRatings)).toEqual([
      undefined,
      ['mostly_true', 'false'],
      undefined,
      undefined,
    ]);
  });
});
