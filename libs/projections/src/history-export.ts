import type { HistoryEntry } from './history-entry';

/** The CSV columns of SPEC §8, in order. */
export const HISTORY_CSV_COLUMNS = [
  'position',
  'recordedAt',
  'streamId',
  'revision',
  'type',
  'actor',
  'reason',
  'correlationId',
  'causationId',
  'data',
] as const;

/** One JSON document per line. */
export function* historyJsonLines(entries: Iterable<HistoryEntry>): Generator<string> {
  for (const entry of entries) yield `${JSON.stringify(entry)}\n`;
}

/** RFC 4180 CSV, safe to open in a spreadsheet: no cell can start a formula. */
export function* historyCsv(entries: Iterable<HistoryEntry>): Generator<string> {
  yield `${HISTORY_CSV_COLUMNS.join(',')}\r\n`;
  for (const entry of entries) {
    const cells = [
      entry.position,
      entry.recordedAt,
      entry.streamId,
      entry.revision,
      entry.type,
      entry.actor.sub,
      entry.reason ?? '',
      entry.correlationId ?? '',
      entry.causationId ?? '',
      JSON.stringify(entry.data),
    ];
    yield `${cells.map((cell) => csvCell(String(cell))).join(',')}\r\n`;
  }
}

/**
 * A cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` (SPEC
 * §8), so a spreadsheet shows it as text instead of running it; then quoted as CSV needs.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
