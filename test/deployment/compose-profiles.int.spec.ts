import { spawnSync } from 'node:child_process';
import {
  composeIn,
  dependenciesOf,
  enabledWith,
  environmentOf,
  hostsOf,
  isAdminApi,
  isEventStoreDb,
  rawCompose,
  type ComposeFile,
} from './support/compose-file';
import { configFor } from './support/dockerfile';
import { root, startPath } from './support/server-start';

/** What each profile of docker-compose.yml starts (compose.int.spec.ts says how it is read). */
describe('docker-compose.yml', () => {
  let compose: ComposeFile;
  beforeAll(() => {
    compose = composeIn({});
  });
  const services = () => Object.entries(compose.services);

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
});
