import { parse } from 'yaml';
import { read } from './server-start';

/** docker-compose.yml as Compose reads it: parsed, interpolated from a shell, and its services. */
export interface Service {
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

export interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export const composeText = read('docker-compose.yml');
/** As written, before interpolation (merge keys resolved, as Compose resolves them). */
export const rawCompose = parse(composeText, { merge: true }) as ComposeFile;

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
export const composeIn = (shell: Record<string, string>) => interpolateAll(rawCompose, shell);

/** The shells the file must work in: nothing set, and every optional variable set. */
export const shells: Record<string, Record<string, string>> = {
  'an empty shell': {},
  'a shell with every optional variable set': {
    AUTH_JWT_SECRET: 'a-shared-secret-of-at-least-thirty-two-bytes',
    AUTH_JWKS_URL: 'https://sso.example.org/.well-known/jwks.json',
    PUBLISHER_NAME: 'Example Daily',
    PUBLISHER_URL: 'https://news.example.org',
    FACTCHECK_URL_TEMPLATE: 'https://news.example.org/fact-checks/{claimId}',
  },
};

export function environmentOf(service: Service): Record<string, string> {
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

export const dependenciesOf = (service: Service): Record<string, { condition?: string }> =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((name) => [name, {}]))
    : (service.depends_on ?? {});

/** `name:/path` volumes: the named volume mounted at each container path. */
export function namedVolumesOf(service: Service): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (source && target && !source.startsWith('.') && !source.startsWith('/')) {
      mounts.set(target, source);
    }
  }
  return mounts;
}

export const isEventStoreDb = (service: Service) =>
  service.image?.startsWith('eventstore/eventstore:') ?? false;
/** The admin API services: the ones built from this repository's Dockerfile. */
export const isAdminApi = (service: Service) => service.build !== undefined;

/** The services `docker compose [--profile p]… up` starts: those without profiles, and `p`'s. */
export const enabledWith = (compose: ComposeFile, profiles: string[]) =>
  Object.entries(compose.services).filter(
    ([, service]) =>
      !service.profiles?.length || service.profiles.some((profile) => profiles.includes(profile)),
  );

/** The host names of an esdb:// or esdb+discover:// connection string. */
export function hostsOf(connectionString: string): string[] {
  const match = /^esdb(?:\+discover)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(connectionString);
  if (!match) throw new Error(`not an esdb connection string: ${connectionString}`);
  return match[1]!.split(',').map((endpoint) => endpoint.split(':')[0]!);
}

/** Service names, known before interpolation (names, images, builds are not interpolated). */
export const namesOf = (filter: (service: Service) => boolean) =>
  Object.entries(rawCompose.services)
    .filter(([, service]) => filter(service))
    .map(([name]) => name);
