import { loadConfig, type MarginaliaConfig } from '@marginalia/config';
import { read } from './server-start';

/** The Dockerfile as Docker reads it: stages of instructions, the runtime stage's settings. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, stage by stage, continuation lines joined. */
function dockerfileStages(text: string): { name: string | undefined; body: Instruction[] }[] {
  const stages: { name: string | undefined; body: Instruction[] }[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1], body: [instruction] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
}

export const stages = dockerfileStages(read('Dockerfile'));
const runtime = stages.at(-1)!;
export const runtimeArgs = (keyword: string) =>
  runtime.body.filter((i) => i.keyword === keyword).map((i) => i.args);

/** ENV A=b C="d e" of the runtime stage. */
export const imageEnvironment: Record<string, string> = Object.fromEntries(
  runtimeArgs('ENV').flatMap((args) =>
    [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/^"(.*)"$/, '$1'),
    ]),
  ),
);
export const workdir = runtimeArgs('WORKDIR').at(-1) ?? '/';

/** A configuration as the image with these extra variables would load it. */
export const configFor = (environment: Record<string, string>): MarginaliaConfig =>
  loadConfig({ ...imageEnvironment, ...environment }, workdir);
