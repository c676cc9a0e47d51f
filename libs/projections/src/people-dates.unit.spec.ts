import { dateForPeople } from './people-dates';

describe('dates for people', () => {
  it('says a UTC time in English and in Chinese, naming the zone', () => {
    expect(dateForPeople('2024-03-09T14:05:27.123Z', 'en')).toBe('9 March 2024, 14:05 UTC');
    expect(dateForPeople('2024-03-09T14:05:27.123Z', 'zh')).toBe('2024年3月9日 14:05 UTC');
  });

  it('keeps the offset a publisher gave instead of moving the time to another zone', () => {
    expect(dateForPeople('2024-03-08T10:29:15+08:00', 'zh')).toBe('2024年3月8日 10:29 UTC+8');
    expect(dateForPeople('2022-05-26T07:32:30+0530', 'en')).toBe('26 May 2022, 07:32 UTC+5:30');
    expect(dateForPeople('2022-12-01T23:00-03:00', 'en')).toBe('1 December 2022, 23:00 UTC−3');
    expect(dateForPeople('2022-12-01T23:00+00:00', 'en')).toBe('1 December 2022, 23:00 UTC');
  });

  it('says dates without a time, and times without a zone, as they are', () => {
    expect(dateForPeople('2024-03-08', 'en')).toBe('8 March 2024');
    expect(dateForPeople('2024-03', 'zh')).toBe('2024年3月');
    expect(dateForPeople('2024', 'en')).toBe('2024');
    expect(dateForPeople('2024-03-08T10:29', 'zh')).toBe('2024年3月8日 10:29');
  });

  it('leaves what is not a calendar date to the caller', () => {
    for (const value of ['2024-W10-5', '2024-068', '20240308T102915Z', '2024-13-01', 'soon']) {
      expect(dateForPeople(value, 'en')).toBeUndefined();
    }
  });
});
