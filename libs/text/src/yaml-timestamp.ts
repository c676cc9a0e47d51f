import type { ScalarTag } from 'yaml';

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/**
 * YAML 1.1 timestamps (what Jekyll writes, `2022-05-26 07:32:30 +0800`) as ISO 8601 strings
 * that keep the local time and the offset as written: `2022-05-26T07:32:30+08:00`. A date
 * alone stays a date (`2022-05-26`); a time without an offset gets none, since the capture does
 * not say which zone it meant. Only plain (unquoted) scalars are timestamps, as in YAML; an
 * impossible date stays the string it was.
 */
export const isoTimestampTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  test: TIMESTAMP,
  resolve: (source) => isoTimestamp(source) ?? source,
};

export function isoTimestamp(source: string): string | undefined {
  const match = TIMESTAMP.exec(source);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (!validDate(Number(year), Number(month), Number(day))) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined) return date;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return undefined;
  const offset = zone === undefined ? '' : isoOffset(zone);
  if (offset === undefined) return undefined;
  return `${date}T${pad(hour)}:${minute}:${second}${fraction ?? ''}${offset}`;
}

function isoOffset(zone: string): string | undefined {
  if (zone === 'Z') return 'Z';
  const match = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const [, sign, hours, minutes = '00'] = match;
  if (Number(hours) > 14 || Number(minutes) > 59) return undefined;
  return `${sign}${pad(hours)}:${minutes}`;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function pad(digits: string | undefined): string {
  return (digits ?? '').padStart(2, '0');
}
