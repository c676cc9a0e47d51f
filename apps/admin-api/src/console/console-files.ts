import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The console's files as `npm run build` writes them (apps/console/build.js). */
export interface ConsoleFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.js.map': 'application/json; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'console.css.map': 'application/json; charset=utf-8',
  'console.js.LEGAL.txt': 'text/plain; charset=utf-8',
};

/** Every name the console may be asked for: nothing else is ever read from the disk. */
export const CONSOLE_FILE_NAMES = Object.keys(TYPES);

/**
 * The folder `dist/console`: found from this file's place in `dist/` (the built server), else
 * from the working directory (the server run from source, in tests and development).
 */
export function consoleDirectory(): string {
  let dir = __dirname;
  for (;;) {
    if (basename(dir) === 'dist') return join(dir, 'console');
    const parent = dirname(dir);
    if (parent === dir) return resolve('dist', 'console');
    dir = parent;
  }
}

/** Reads the built console once; undefined when it has not been built. */
export function loadConsoleFiles(dir = consoleDirectory()): Map<string, ConsoleFile> | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, ConsoleFile>();
  for (const name of CONSOLE_FILE_NAMES) {
    const file = join(dir, name);
    if (existsSync(file)) files.set(name, { body: readFileSync(file), type: TYPES[name]! });
  }
  return files;
}
