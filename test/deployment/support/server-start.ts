import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The server's side of the deployment: what it reads and how `npm start` runs it. */
export const root = join(__dirname, '..', '..', '..');
export const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Every variable loadConfig reads, from its source: each is read through `text('NAME')`. */
export const configVariables = new Set(
  [...read('libs/config/src/config.ts').matchAll(/\btext\('([A-Z][A-Z0-9_]*)'\)/g)].map(
    (match) => match[1]!,
  ),
);

/** The file `npm start` runs after building. */
const startScript = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
  .scripts.start!;
const startCommand = /\bnode((?:\s+--\S+)*)\s+(\S+\.js)\b/.exec(startScript);
export const startPath = startCommand?.[2];
/** The node flags `npm start` gives the server (heap settings). */
export const startFlags = (startCommand?.[1] ?? '').split(/\s+/).filter(Boolean);
