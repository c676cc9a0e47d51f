import {
  composeIn,
  composeText,
  dependenciesOf,
  enabledWith,
  environmentOf,
  hostsOf,
  isAdminApi,
  isEventStoreDb,
  namedVolumesOf,
  namesOf,
  rawCompose,
  shells,
  type ComposeFile,
} from './support/compose-file';
import { configFor } from './support/dockerfile';
import { configVariables } from './support/server-start';

/**
 * What can be checked of the deployment files without a container engine (none runs where this
 * was written): docker-compose.yml and the Dockerfile are read as Compose and Docker would read
 * them, and held against the configuration the server really reads (libs/config), the path
 * `npm start` really runs (package.json) and the files the server reads at run time.
 *
 * support/ reads the files; the profiles' own tests are in compose-profiles.int.spec.ts, the
 * Dockerfile's in compose-dockerfile.int.spec.ts.
 */

describe('docker-compose.yml, as written', () => {
  it('asks for no required variable: Compose would refuse every `up` without it', () => {
    // Compose interpolates every service, whatever the active profiles, before it selects them.
    const required = [...composeText.matchAll(/^[^#\n]*\$\{[A-Za-z_][A-Za-z0-9_]*:?\?/gm)];
    expect(required.map((m) => m[0])).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
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
  it('declares every named volume it mounts, and mounts every volume it declares', () => {
    const mounted = new Set(services().flatMap(([, s]) => [...namedVolumesOf(s).values()]));
    expect([...mounted].sort()).toEqual(Object.keys(compose.volumes ?? {}).sort());
  });
});
