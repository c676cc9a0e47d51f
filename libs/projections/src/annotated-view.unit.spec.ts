import fc from 'fast-check';
import { partition, type ViewAnnotation } from './annotated-view';

const span = (id: string, start: number, end: number): ViewAnnotation => ({
  id,
  type: 'claim',
  status: 'open',
  anchor: {
    revision: 1,
    start,
    end,
    exact: '',
    prefix: '',
    suffix: '',
    state: 'anchored',
    utf16Start: start,
    utf16End: end,
  },
});

describe('segments of the annotated view', () => {
  it('partition the whole text, splitting overlapping annotations at every boundary', () => {
    expect(partition(10, [span('a', 2, 6), span('b', 4, 8), span('c', 4, 6)])).toEqual([
      { start: 0, end: 2, annotationIds: [] },
      { start: 2, end: 4, annotationIds: ['a'] },
      { start: 4, end: 6, annotationIds: ['a', 'b', 'c'] },
      { start: 6, end: 8, annotationIds: ['b'] },
      { start: 8, end: 10, annotationIds: [] },
    ]);
  });

  it('give a text without annotations one segment, and an empty text none', () => {
    expect(partition(5, [])).toEqual([{ start: 0, end: 5, annotationIds: [] }]);
    expect(partition(0, [])).toEqual([]);
  });

  it('cover each code point once, naming exactly the annotations over it in their order', () => {
    const spans = fc
      .array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 20 })), { maxLength: 12 })
      .map((pairs) =>
        pairs.map(([start, length], i) => span(`s${i}`, start, Math.min(50, start + length))),
      );
    fc.assert(
      fc.property(spans, (annotations) => {
        const valid = annotations.filter((a) => a.anchor!.start < a.anchor!.end);
        const segments = partition(50, valid);
        expect(segments[0]?.start).toBe(0);
        expect(segments[segments.length - 1]?.end).toBe(50);
        segments.forEach((segment, i) => {
          if (i > 0) expect(segment.start).toBe(segments[i - 1]!.end);
          const covering = valid.filter(
            (a) => a.anchor!.start <= segment.start && segment.end <= a.anchor!.end,
          );
          expect(segment.annotationIds).toEqual(covering.map((a) => a.id));
        });
      }),
      { seed: 20240308, numRuns: 200 },
    );
  });
});
