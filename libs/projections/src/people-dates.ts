/**
 * ISO 8601 times as people read them, in English or Chinese, with the time zone the value
 * states (`Z` is UTC; `+08:00` is UTC+8). By hand rather than with `Intl`: the words must be the
 * same on every machine and Node version, and a value is never moved to another zone, so a
 * publisher's "10:29 UTC+8" stays the time the publisher gave.
 */
export type DateWords = 'en' | 'zh';

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The value in words, or undefined when it is not a calendar date or date-time this reads. */
export function dateForPeople(iso: string, words: DateWords): string | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, zone] = match;
  const monthIndex = month === undefined ? undefined : Number(month) - 1;
  if (monthIndex !== undefined && !(monthIndex >= 0 && monthIndex < 12)) return undefined;
  if (day !== undefined && !(Number(day) >= 1 && Number(day) <= 31)) return undefined;
  const date =
    words === 'zh'
      ? `${year}年${monthIndex === undefined ? '' : `${monthIndex + 1}月`}${day === undefined ? '' : `${Number(day)}日`}`
      : [
          day === undefined ? '' : `${Number(day)} `,
          monthIndex === undefined ? '' : `${MONTHS[monthIndex]} `,
          year,
        ].join('');
  if (hour === undefined) return date;
  const time = `${hour}:${minute}${zone === undefined ? '' : ` ${zoneName(zone)}`}`;
  return words === 'zh' ? `${date} ${time}` : `${date}, ${time}`;
}

/** `Z` as UTC, an offset as UTC±h or UTC±h:mm. */
function zoneName(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'UTC';
  const sign = zone[0] === '-' ? '−' : '+';
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.slice(2);
  if (hours === 0 && (minutes === '' || minutes === '00')) return 'UTC';
  return `UTC${sign}${hours}${minutes === '' || minutes === '00' ? '' : `:${minutes}`}`;
}
