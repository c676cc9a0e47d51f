import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, type MarginaliaConfig } from '@marginalia/config';

/**
 * What can be checked of the deployment files without a container engine (none runs where this
 * was written): docker-compose.yml and the Dockerfile are read as Compose and Docker would read
 * them, and held against the configuration the server really reads (libs/config), the path
 * `npm start` really runs (package.json) and the files the server reads at run time.
 */
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// --- the server's side -------------------------------------------------------------------

/** Every variable loadConfig reads, from its source: each is read through `text('NAME')`. */
const configVariables = new Set(
  [...read('libs/config/src/config.ts').matchAll(/\btext\('([A-Z][A-Z0-9_]*)'\)/g)].map(
    (match) => match[1]!,
  ),
);

/** The file `npm start` runs after building. */
const startScript = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
  .scripts.start!;
const startCommand = /\bnode((?:\s+--\S+)*)\s+(\S+\.js)\b/.exec(startScript);
const startPath = startCommand?.[2];
/** The node flags `npm start` gives the server (heap settings). */
const startFlags = (startCommand?.[1] ?? '').split(/\s+/).filter(Boolean);

// --- docker-compose.yml --------------------------------------------------------------------

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

const composeText = read('docker-compose.yml');
/** As written, before interpolation (merge keys resolved, as Compose resolves them). */
const rawCompose = parse(composeText, { merge: true }) as ComposeFile;

/**
 * Compose's interpolation of one value: `$$`, `$NAME`, `${NAME}`, `${NAME:-default}`,
 * `${NAME-default}`, `${NAME:+value}`, `${NAME+value}`, `${NAME:?error}`, `${NAME?error}`,
 * with `shell` as the environment Compose runs in. An unset variable without a default is empty.
 */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, dollar?: string, braced?: string, operator?: string, word?: string, bare?: string) => {
      if (dollar !== undefined) return '$';
      const name = (braced ?? bare)!;
      const current = shell[name];
      const isSet = current !== undefined;
      const isFilled = isSet && current !== '';
      switch (operator) {
        case undefined:
          return current ?? '';
        case ':-':
          return isFilled ? current : word!;
        case '-':
          return isSet ? current : word!;
        case ':+':
          return isFilled ? word! : '';
        case '+':
          return isSet ? word! : '';
        case ':?':
        case '?':
          if (operator === ':?' ? isFilled : isSet) return current!;
          throw new Error(`required variable ${name} is missing a value: ${word} (${whole})`);
        default:
          throw new Error(`unsupported interpolation ${whole}`);
      }
    },
  );
}

function interpolateAll<T>(node: T, shell: Record<string, string>): T {
  if (typeof node === 'string') return interpolate(node, shell) as T;
  if (Array.isArray(node)) return node.map((item: unknown) => interpolateAll(item, shell)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateAll(value as unknown, shell)]),
    ) as T;
  }
  return node;
}

/** The file as Compose sees it when started from a shell with these variables. */
const composeIn = (shell: Record<string, string>) => interpolateAll(rawCompose, shell);

/** The shells the file must work in: nothing set, and every optional variable set. */
const shells: Record<string, Record<string, string>> = {
  'an empty shell': {},
  'a shell with every optional variable set': {
    AUTH_JWT_SECRET: 'a-shared-secret-of-at-least-thirty-two-bytes',
    AUTH_JWKS_URL: 'https://sso.example.org/.well-known/jwks.json',
    PUBLISHER_NAME: 'Example Daily',
    PUBLISHER_URL: 'https://news.example.org',
    FACTCHECK_URL_TEMPLATE: 'https://news.example.org/fact-checks/{claimId}',
  },
};

function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

const dependenciesOf = (service: Service): Record<string, { condition?: string }> =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((name) => [name, {}]))
    : (service.depends_on ?? {});

/** `name:/path` volumes: the named volume mounted at each container path. */
function namedVolumesOf(service: Service): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (source && target && !source.startsWith('.') && !source.startsWith('/')) {
      mounts.set(target, source);
    }
  }
  return mounts;
}

const isEventStoreDb = (service: Service) =>
  service.image?.startsWith('eventstore/eventstore:') ?? false;
/** The admin API services: the ones built from this repository's Dockerfile. */
const isAdminApi = (service: Service) => service.build !== undefined;

/** The services `docker compose [--profile p]… up` starts: those without profiles, and `p`'s. */
const enabledWith = (compose: ComposeFile, profiles: string[]) =>
  Object.entries(compose.services).filter(
    ([, service]) =>
      !service.profiles?.length || service.profiles.some((profile) => profiles.includes(profile)),
  );

/** The host names of an esdb:// or esdb+discover:// connection string. */
function hostsOf(connectionString: string): string[] {
  const match = /^esdb(?:\+discover)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(connectionString);
  if (!match) throw new Error(`not an esdb connection string: ${connectionString}`);
  return match[1]!.split(',').map((endpoint) => endpoint.split(':')[0]!);
}

// --- the Dockerfile --------------------------------------------------------------------------

interface Instruction {
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

const stages = dockerfileStages(read('Dockerfile'));
const runtime = stages.at(-1)!;
const runtimeArgs = (keyword: string) =>
  runtime.body.filter((i) => i.keyword === keyword).map((i) => i.args);

/** ENV A=b C="d e" of the runtime stage. */
const imageEnvironment: Record<string, string> = Object.fromEntries(
  runtimeArgs('ENV').flatMap((args) =>
    [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/^"(.*)"$/, '$1'),
    ]),
  ),
);
const workdir = runtimeArgs('WORKDIR').at(-1) ?? '/';

/** A configuration as the image with these extra variables would load it. */
const configFor = (environment: Record<string, string>): MarginaliaConfig =>
  loadConfig({ ...imageEnvironment, ...environment }, workdir);

// --- the tests -------------------------------------------------------------------------------

describe('docker-compose.yml, as written', () => {
  it('asks for no required variable: Compose would refuse every `up` without it', () => {
    // Compose interpolates every service, whatever the active profiles, before it selects them.
    const required = [...composeText.matchAll(/^[^#\n]*\$\{[A-Za-z_][A-Za-z0-9_]*:?\?/gm)];
    expect(required.map((m) => m[0])).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  /** Service names, known before interpolation (names, images, builds are not interpolated). */
  const namesOf = (filter: (service: Service) => boolean) =>
    Object.entries(rawCompose.services)
      .filter(([, service]) => filter(service))
      .map(([name]) => name);
  let compose: ComposeFile;
  beforeAll(() => {
    compose = composeIn({});
  });
  const services = () => Object.entries(compose.services);
  const adminApis = () => services().filter(([, service]) => isAdminApi(service));
  const eventStoreDbs = () => services().filter(([, service]) => isEventStoreDb(service));

  it('has only top-level keys Compose knows, and defines admin APIs and EventStoreDB nodes', () => {
    const known = ['name', 'services', 'volumes', 'networks', 'configs', 'secrets'];
    const unknown = Object.keys(rawCompose).filter(
      (key) => !known.includes(key) && !key.startsWith('x-'),
    );
    expect(unknown).toEqual([]);
    expect(adminApis().length).toBeGreaterThan(0);
    expect(eventStoreDbs().length).toBeGreaterThan(0);
    expect(adminApis().every(([, s]) => (s.build as string) === '.')).toBe(true);
  });

  it('gives every service a health check', () => {
    const without = services()
      .filter(([, service]) => {
        const test = service.healthcheck?.test;
        return (
          service.healthcheck?.disable === true ||
          !Array.isArray(test) ||
          !['CMD', 'CMD-SHELL'].includes(test[0] ?? '') ||
          test.length < 2
        );
      })
      .map(([name]) => name);
    expect(without).toEqual([]);
    for (const [, service] of adminApis()) {
      expect((service.healthcheck!.test as string[]).join(' ')).toContain('/health');
    }
    for (const [, service] of eventStoreDbs()) {
      expect((service.healthcheck!.test as string[]).join(' ')).toContain('/health/live');
    }
  });

  describe.each(Object.entries(shells))('started from %s', (_, shell) => {
    it.each(namesOf(isAdminApi))(
      '%s is given only variables the server reads, and a configuration it accepts',
      (name) => {
        const environment = environmentOf(composeIn(shell).services[name]!);
        const unread = Object.keys(environment).filter((key) => !configVariables.has(key));
        expect(unread).toEqual([]);
        expect(() => configFor(environment)).not.toThrow();
      },
    );
  });

  it.each(namesOf(isAdminApi))(
    '%s keeps DATA_DIR on a named volume of its own and publishes its PORT',
    (name) => {
      const service = compose.services[name]!;
      const config = configFor(environmentOf(service));
      const volume = namedVolumesOf(service).get(config.dataDir);
      expect(volume).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
      const sharing = adminApis()
        .filter(([other]) => other !== name)
        .filter(([, other]) => [...namedVolumesOf(other).values()].includes(volume!));
      expect(sharing.map(([other]) => other)).toEqual([]);
      expect((service.ports ?? []).map((port) => port.split(':').at(-1))).toContain(
        String(config.port),
      );
    },
  );

  it.each(namesOf(isAdminApi))(
    '%s connects only to EventStoreDB services it waits for, started with it, insecure when tls=false',
    (name) => {
      const service = compose.services[name]!;
      const config = configFor(environmentOf(service));
      if (config.eventStore === 'sqlite') {
        expect(config.eventStoreConnectionString).toBeUndefined();
        return;
      }
      const connectionString = config.eventStoreConnectionString!;
      const hosts = hostsOf(connectionString);
      const dependencies = dependenciesOf(service);
      const startedWithIt = enabledWith(compose, service.profiles ?? []).map(([n]) => n);
      for (const host of hosts) {
        const node = compose.services[host];
        expect({ host, isEventStoreDb: node !== undefined && isEventStoreDb(node) }).toEqual({
          host,
          isEventStoreDb: true,
        });
        expect(startedWithIt).toContain(host);
        expect(dependencies[host]?.condition).toBe('service_healthy');
        const insecure = environmentOf(node!).EVENTSTORE_INSECURE === 'true';
        expect(insecure).toBe(/[?&]tls=false\b/.test(connectionString));
      }
    },
  );

  it('waits only for services that exist and start with the service that waits', () => {
    for (const [name, service] of services()) {
      const startedWithIt = enabledWith(compose, service.profiles ?? []).map(([n]) => n);
      for (const dependency of Object.keys(dependenciesOf(service))) {
        expect({ name, dependency, started: startedWithIt.includes(dependency) }).toEqual({
          name,
          dependency,
          started: true,
        });
      }
    }
  });

  it.each(namesOf(isEventStoreDb))(
    '%s keeps its data on a volume of its own and accepts an ArticleImported append',
    (name) => {
      const service = compose.services[name]!;
      const volume = namedVolumesOf(service).get('/var/lib/eventstore');
      expect(volume).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
      const others = eventStoreDbs().filter(([other]) => other !== name);
      expect(
        others.some(([, other]) => namedVolumesOf(other).get('/var/lib/eventstore') === volume),
      ).toBe(false);
      // The server refuses to start above 16 MiB less its 10000-byte record overhead; an
      // ArticleImported event carries an import of up to 5 MiB (SPEC §6) and its text.
      const maxAppendSize = Number(environmentOf(service).EVENTSTORE_MAX_APPEND_SIZE);
      expect(maxAppendSize).toBeLessThanOrEqual(16 * 1024 * 1024 - 10000);
      expect(maxAppendSize).toBeGreaterThan(5 * 1024 * 1024);
    },
  );

  it('starts one EventStoreDB node and an API on it with a plain `docker compose up`', () => {
    const started = enabledWith(compose, []);
    const nodes = started.filter(([, s]) => isEventStoreDb(s));
    expect(nodes).toHaveLength(1);
    expect(environmentOf(nodes[0]![1]).EVENTSTORE_CLUSTER_SIZE ?? '1').toBe('1');
    const apis = started.filter(([, s]) => isAdminApi(s));
    expect(apis.map(([, s]) => configFor(environmentOf(s)).eventStore)).toEqual(['eventstoredb']);
  });

  it('runs a three-node cluster gossiping by name, and an API on all three, in profile cluster', () => {
    const nodes = services().filter(
      ([, s]) => isEventStoreDb(s) && (s.profiles ?? []).includes('cluster'),
    );
    expect(nodes).toHaveLength(3);
    const names = nodes.map(([name]) => name);
    for (const [name, node] of nodes) {
      const environment = environmentOf(node);
      expect(environment.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(environment.EVENTSTORE_DISCOVER_VIA_DNS).toBe('false');
      const seeds = (environment.EVENTSTORE_GOSSIP_SEED ?? '').split(',');
      expect(seeds.sort()).toEqual(
        names.filter((other) => other !== name).map((other) => `${other}:2113`),
      );
    }
    const apis = services().filter(
      ([, s]) => isAdminApi(s) && (s.profiles ?? []).includes('cluster'),
    );
    expect(apis.length).toBeGreaterThan(0);
    for (const [, api] of apis) {
      const config = configFor(environmentOf(api));
      expect(hostsOf(config.eventStoreConnectionString!).sort()).toEqual(names.sort());
    }
  });

  it('runs two API replicas on one EventStoreDB in profile replicas, verifying the same tokens', () => {
    const apis = enabledWith(compose, ['replicas']).filter(([, s]) => isAdminApi(s));
    const byStore = new Map<string, string[]>();
    for (const [name, api] of apis) {
      const config = configFor(environmentOf(api));
      if (config.eventStore !== 'eventstoredb') continue;
      const key = config.eventStoreConnectionString!;
      byStore.set(key, [...(byStore.get(key) ?? []), name]);
    }
    const replicas = [...byStore.values()].find((names) => names.length >= 2) ?? [];
    expect(replicas.length).toBeGreaterThanOrEqual(2);

    // Tokens must verify on every replica: one secret, taken from the same shell variable.
    const rawSecrets = replicas.map(
      (name) => environmentOf(rawCompose.services[name]!).AUTH_JWT_SECRET,
    );
    expect(new Set(rawSecrets).size).toBe(1);
    expect(rawSecrets[0]).toMatch(/^\$\{AUTH_JWT_SECRET(:-)?\}$/);
    // One replica seeds the corpus; the others receive it through the store.
    const seeding = replicas.filter(
      (name) => configFor(environmentOf(compose.services[name]!)).seedCorpus,
    );
    expect(seeding).toHaveLength(1);
  });

  it('stops a replica of profile replicas at start when AUTH_JWT_SECRET is not set', () => {
    const added = services().filter(
      ([, s]) => isAdminApi(s) && (s.profiles ?? []).includes('replicas'),
    );
    expect(added.length).toBeGreaterThan(0);
    for (const [name, service] of added) {
      const command = service.command;
      expect(Array.isArray(command) && command.slice(0, 2)).toEqual(['sh', '-c']);
      const script = (command as string[])[2]!;
      expect(script.trim().endsWith(`exec node ${startPath}`)).toBe(true);
      // The guard itself, run by a real shell without the secret: it must stop before `exec`.
      const run = spawnSync('sh', ['-c', script], {
        cwd: root,
        env: { PATH: process.env.PATH, AUTH_JWT_SECRET: '' },
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect({ name, status: run.status, said: run.stderr.includes('AUTH_JWT_SECRET') }).toEqual({
        name,
        status: 1,
        said: true,
      });
    }
  });

  it('keeps the embedded SQLite event log available in profile embedded', () => {
    const embedded = services().filter(
      ([, s]) =>
        isAdminApi(s) &&
        (s.profiles ?? []).includes('embedded') &&
        configFor(environmentOf(s)).eventStore === 'sqlite',
    );
    expect(embedded).toHaveLength(1);
    expect(dependenciesOf(embedded[0]![1])).toEqual({});
  });

  it('declares every named volume it mounts, and mounts every volume it declares', () => {
    const mounted = new Set(services().flatMap(([, s]) => [...namedVolumesOf(s).values()]));
    expect([...mounted].sort()).toEqual(Object.keys(compose.volumes ?? {}).sort());
  });
});

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
