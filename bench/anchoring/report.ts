import { cpus, totalmem } from 'node:os';
import { type KindTallies } from './run-seed';
import { type Tally, perThousand } from './tally';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function machineLine({ cores, cpu, memoryGiB, node, platform }: Machine): string {
  return `machine: ${cores} cores (${cpu}), ${memoryGiB} GiB, Node ${node}, ${platform}`;
}

export function summary(tally: Tally) {
  const { cases, correct, wrong, orphaned } = tally;
  return {
    cases,
    correct,
    wrong,
    orphaned,
    orphanedGone: `${tally.gone.orphaned}/${tally.gone.cases}`,
    untouchedKept: `${tally.untouched.kept}/${tally.untouched.cases}`,
  };
}

export function byKindSummary(byKind: Record<string, KindTallies>) {
  return Object.fromEntries(
    Object.entries(byKind).map(([kind, { marginalia, hypothesis }]) => [
      kind,
      { marginalia: summary(marginalia), hypothesis: summary(hypothesis) },
    ]),
  );
}

/** The two methods side by side. */
export function table(rows: [string, Tally][]): string {
  const header = [
    'method',
    'cases',
    'correct',
    'wrong',
    'orphaned, text still there',
    'orphaned, text gone',
    'untouched kept',
    'ms / 1,000',
  ];
  const lines = rows.map(([name, tally]) => [
    name,
    String(tally.cases),
    String(tally.correct),
    String(tally.wrong),
    String(tally.orphaned),
    `${tally.gone.orphaned}/${tally.gone.cases}`,
    `${tally.untouched.kept}/${tally.untouched.cases}`,
    String(perThousand(tally)),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

export function methodsTable(marginalia: Tally, hypothesis: Tally): string {
  return table([
    ['Marginalia', marginalia],
    ['Hypothesis approach (approx-string-match)', hypothesis],
  ]);
}
