import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

/** What a benchmark ran on, written with every result. */
export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** The 1-minute load average when the run started: above the core count, the run was contended. */
  loadAverageAtStart: number;
  freeMemoryGiBAtStart: number;
}

export function describeMachine(): Machine {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model ?? 'unknown',
    memoryGiB: gib(totalmem()),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    freeMemoryGiBAtStart: gib(freemem()),
  };
}

function gib(bytes: number): number {
  return Math.round((bytes / 2 ** 30) * 10) / 10;
}
