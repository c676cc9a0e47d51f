import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  configFor,
  imageEnvironment,
  runtimeArgs,
  stages,
  workdir,
  type Instruction,
} from './support/dockerfile';
import { configVariables, read, root, startFlags, startPath } from './support/server-start';

/** The Dockerfile against what the server reads (compose.int.spec.ts says how it is read). */
describe('Dockerfile', () => {
  it('starts the server with the file and the node flags `npm start` runs', () => {
    expect(startPath).toBeDefined();
    const cmd = JSON.parse(runtimeArgs('CMD').at(-1) ?? 'null') as unknown;
    expect(cmd).toEqual(['node', ...startFlags, startPath]);
  });

  it('builds on Node 20 with a toolchain, and ships only production dependencies', () => {
    for (const stage of stages) {
      const from = stage.body[0]!.args.split(/\s+/)[0]!;
      const isStage = stages.some((s) => s.name === from);
      if (!isStage) expect(from).toBe('node:20-bookworm-slim');
    }
    const runs = (stage: { body: Instruction[] }) =>
      stage.body.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    const stageOf = (name: string) => stages.find((s) => s.name === name);
    const withAncestors = (name: string | undefined): Instruction[] => {
      const stage = name === undefined ? undefined : stageOf(name);
      if (!stage) return [];
      return [...withAncestors(stage.body[0]!.args.split(/\s+/)[0]), ...stage.body];
    };
    const copyFrom = (target: string) =>
      runtimeArgs('COPY')
        .map((args) => /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(args))
        .find((m) => m?.[3] === target);

    const modules = copyFrom('./node_modules');
    expect(modules).toBeDefined();
    const modulesStage = withAncestors(modules![1]);
    const modulesRuns = runs({ body: modulesStage }).join('\n');
    expect(modulesRuns).toMatch(/\bnpm ci --omit=dev\b/);
    expect(modulesRuns).toMatch(/\bpython3\b.*\bmake\b.*\bg\+\+/);

    const dist = copyFrom('./dist');
    expect(dist).toBeDefined();
    expect(runs({ body: withAncestors(dist![1]) }).join('\n')).toMatch(/\bnpm run build\b/);
  });

  it('runs as a non-root user, with DATA_DIR on a volume, PORT exposed and a health check', () => {
    const config = configFor({});
    expect(Object.keys(imageEnvironment).filter((key) => !configVariables.has(key))).toEqual([
      'NODE_ENV',
    ]);
    const user = runtimeArgs('USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtimeArgs('VOLUME').join(' ')).toContain(`"${config.dataDir}"`);
    expect(runtimeArgs('EXPOSE').join(' ').split(/\s+/)).toContain(String(config.port));
    expect(runtimeArgs('HEALTHCHECK').join(' ')).toContain('/health');
  });

  it('copies what the server reads at run time: the corpus of SEED_CORPUS', () => {
    const config = configFor({});
    const copies = runtimeArgs('COPY')
      .filter((args) => !args.startsWith('--'))
      .map((args) => args.split(/\s+/))
      .map((parts) => ({ source: parts[0]!, target: posix.resolve(workdir, parts.at(-1)!) }));
    const corpus = copies.find((copy) => copy.target === config.corpusDir);
    expect(corpus).toBeDefined();
    expect(existsSync(join(root, corpus!.source, 'manifest.json'))).toBe(true);
  });

  it('has a .dockerignore that keeps out local state but lets in every file it copies', () => {
    const patterns = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    // Docker's matching, for the patterns used here: `**/` any folders, `*` and `?` within one.
    const matchers = patterns.map((pattern) => {
      const body = pattern
        .split('**/')
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
        )
        .join('(?:.*/)?');
      return new RegExp(`^${body}(?:/.*)?$`);
    });
    const ignored = (path: string) => matchers.some((matcher) => matcher.test(path));
    for (const path of ['node_modules', 'dist', 'data', '.git', '.env', 'libs/x/node_modules']) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
    const sources = stages
      .flatMap((stage) => stage.body)
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(join(root, source)), ignored: ignored(source) }).toEqual({
        source,
        exists: true,
        ignored: false,
      });
    }
  });
});
