import type { HistoryEntry } from './history-entry';
import { csvCell, historyCsv, historyJsonLines } from './history-export';

const entry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  position: 7,
  recordedAt: '2024-03-08T02:29:15.000Z',
  occurredAt: '2024-03-08T02:29:15.000Z',
  eventId: '0190f3a2-0000-7000-8000-000000000001',
  streamId: 'claim-0190f3a2-0000-7000-8000-000000000002',
  revision: 2,
  type: 'VerdictRejected',
  schemaVersion: 1,
  articleId: '0190f3a2-0000-7000-8000-000000000003',
  annotationId: '0190f3a2-0000-7000-8000-000000000002',
  actor: { sub: 'standards-zhang', roles: ['standards_editor'] },
  reason: '来源不足',
  correlationId: 'c-1',
  causationId: 'c-1',
  idempotencyKey: null,
  data: { reason: '来源不足' },
  ...overrides,
});

describe('history exports', () => {
  it('write the CSV columns of SPEC §8 with the event data as JSON', () => {
    const [header, row] = [...historyCsv([entry()])];
    expect(header).toBe(
      'position,recordedAt,streamId,revision,type,actor,reason,correlationId,causationId,data\r\n',
    );
    expect(row).toBe(
      '7,2024-03-08T02:29:15.000Z,claim-0190f3a2-0000-7000-8000-000000000002,2,VerdictRejected,standards-zhang,来源不足,c-1,c-1,"{""reason"":""来源不足""}"\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['plain 文字, with comma', '"plain 文字, with comma"'],
  ])('cannot start a spreadsheet formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('neutralises a formula smuggled through a reason or a statement', () => {
    const [, row] = [
      ...historyCsv([entry({ reason: '=cmd|"/c calc"!A1', data: { statement: '=1+2' } })]),
    ];
    expect(row).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(row).toContain('"{""statement"":""=1+2""}"');
  });

  it('write one JSON document per line', () => {
    const lines = [...historyJsonLines([entry(), entry({ position: 8 })])];
    expect(lines.map((line) => (JSON.parse(line) as HistoryEntry).position)).toEqual([7, 8]);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(
      true,
    );
  });
});
