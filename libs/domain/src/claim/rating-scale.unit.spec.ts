import { DEFAULT_RATING_SCALE, parseRatingScale } from './rating-scale';

describe('a newsroom’s own rating scale', () => {
  it('is read from JSON when it is whole and consistent', () => {
    const scale = {
      ratings: [
        { id: 'correct', label: '正确', value: 3 },
        { id: 'partly_correct', label: '部分正确', value: 2 },
        { id: 'wrong', label: '错误', value: 1 },
        { id: 'unverifiable', label: '无法核实', value: null },
      ],
      best: 3,
      worst: 1,
    };
    expect(parseRatingScale(JSON.parse(JSON.stringify(scale)))).toEqual(scale);
    expect(parseRatingScale(JSON.parse(JSON.stringify(DEFAULT_RATING_SCALE)))).toEqual(
      DEFAULT_RATING_SCALE,
    );
  });

  it('is refused, naming every problem, when it is not', () => {
    const attempt = () =>
      parseRatingScale({
        ratings: [
          { id: 'True', label: '', value: 9 },
          { id: 'ok', label: 'OK', value: 1 },
          { id: 'ok', label: 'OK again', value: null },
        ],
        best: 5,
        worst: 1,
      });
    expect(attempt).toThrow(/ratings\[0\]\.id must be a lower-case identifier/);
    expect(attempt).toThrow(/ratings\[0\]\.label/);
    expect(attempt).toThrow(/ratings\[0\]\.value/);
    expect(attempt).toThrow(/ratings\[2\]\.id ok appears twice/);
    expect(() => parseRatingScale({ ratings: [], best: 1, worst: 5 })).toThrow(
      /worst below best.*non-empty list/,
    );
  });
});
