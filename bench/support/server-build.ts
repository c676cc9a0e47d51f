import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformSync } from '@swc/core';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const swcOptions = require(join(root, 'scripts', 'swc-options.js')) as Record<string, unknown>;

/** A tiny preload that maps @marginalia/<lib> to the compiled libraries, as tsconfig's paths do. */
const ALIASES = `const Module = require('node:module');
const { join } = require('node:path');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const match = /^@marginalia\\/([^/]+)(?:\\/(.*))?$/.exec(request);
  if (match) return resolve.call(this, join(__dirname, 'libs', match[1], 'src', match[2] ?? ''), ...rest);
  return resolve.call(this, request, ...rest);
};
`;

export interface ServerBuild {
  /** The compiled apps/admin-api/src/main.js. */
  entry: string;
  /** The preload resolving @marginalia/* (node -r). */
  preload: string;
  files: number;
}

/**
 * Compiles the server's sources (apps/admin-api and every library, without specs) to plain
 * JavaScript with the project's own SWC options, as `npm start` runs a compiled server: no
 * compiler in the server's process, so its memory is the server's alone. Takes a second or two.
 * `from` is the sources' root: another commit's, extracted, to measure against it.
 */
export function buildServer(outDir: string, from = root): ServerBuild {
  const sources = [join(from, 'apps', 'admin-api', 'src'), join(from, 'libs')];
  let files = 0;
  const compile = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) compile(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const { code } = transformSync(readFileSync(path, 'utf8'), {
          ...swcOptions,
          sourceMaps: false,
          filename: path,
        });
        const target = join(outDir, relative(from, path)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, code);
        files += 1;
      }
    }
  };
  sources.forEach(compile);
  const preload = join(outDir, 'aliases.js');
  writeFileSync(preload, ALIASES);
  return { entry: join(outDir, 'apps', 'admin-api', 'src', 'main.js'), preload, files };
}
