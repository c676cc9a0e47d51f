import { isoTimestamp } from './yaml-timestamp';

describe('a front matter date', () => {
  it.each([
    ['2022-05-26 07:32:30 +0800', '2022-05-26T07:32:30+08:00'],
    ['2022-05-26T07:32:30Z', '2022-05-26T07:32:30Z'],
    ['2022-5-6 7:32:30.25 -05:30', '2022-05-06T07:32:30.25-05:30'],
    ['2022-05-26 07:32:30', '2022-05-26T07:32:30'],
    ['2024-02-29', '2024-02-29'],
  ])('%s becomes %s, keeping the local time and offset as written', (written, iso) => {
    expect(isoTimestamp(written)).toBe(iso);
  });

  it.each(['2023-02-29', '2022-13-01', '2022-05-26 24:00:00', '2022-05-26 07:32:30 +2500', '昨天'])(
    '%s is not a date and stays as written',
    (written) => {
      expect(isoTimestamp(written)).toBeUndefined();
    },
  );
});
