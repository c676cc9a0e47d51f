import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const corpusDir = join(root, 'corpus');
/** The built CLI, as `npm run cli` runs it (scripts/cli.js). */
/** What `nest build cli` writes: the CLI and every library it imports. */
export const outDir = join(root, 'dist', 'apps', 'cli');
export const builtCli = join(outDir, 'apps', 'cli', 'src', 'main.js');
export const launcher = join(root, 'scripts', 'cli.js');
/** Where the launcher keeps the fingerprint of the sources it last built. */
export const fingerprintFile = join(root, 'dist', '.cli-sources-fingerprint');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Builds the CLI through the launcher that `npm run cli` uses, which builds only when the
 * sources changed; `help` needs no data folder.
 */
export function buildCli(): Run {
  return spawnSync(process.execPath, [launcher, 'help'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 170_000,
  });
}

/**
 * Runs the built CLI as a child process on `dataDir`, from `cwd` (never the repository: a
 * command that writes beside it would show), with none of the developer's configuration.
 */
export function runCli(
  args: string[],
  options: { dataDir: string; cwd: string; env?: Record<string, string> },
): Run {
  const result = spawnSync(process.execPath, [builtCli, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: options.dataDir,
      CORPUS_DIR: corpusDir,
      ...options.env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
