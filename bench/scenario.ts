import { type NewsroomPhases } from './newsroom/phases';

/** One line of the table: a target and what was measured against it. */
export interface Row {
  scenario: string;
  /** What the figure is, with its unit. */
  measure: string;
  /** The target, in words; '' for a figure reported for reference. */
  target: string;
  median: number;
  p99?: number;
  /** true: met, false: missed, null: no target or not comparable (quick sizes). */
  pass: boolean | null;
  note?: string;
}

export interface ScenarioReport {
  rows: Row[];
  /** Everything else worth keeping: samples, sizes, counts. */
  details: Record<string, unknown>;
}

export interface BenchContext {
  quick: boolean;
  /** A scratch folder on disk, removed at the end. */
  scratch: string;
  newsroom: NewsroomPhases;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<ScenarioReport>;
}

/** Repetitions and sizes: the full run, or the smoke run of `--quick`. */
export function pick<T>(context: Pick<BenchContext, 'quick'>, full: T, quick: T): T {
  return context.quick ? quick : full;
}
