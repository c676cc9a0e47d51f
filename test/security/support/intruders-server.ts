import { base64url, generateKeyPair, SignJWT } from 'jose';
import { type RunningAdminApi, users } from '../../support/admin-api';
import {
  Callers,
  fillPath,
  otherStandardsEditor,
  seedNewsroom,
  type SeededIds,
  settled,
} from './newsroom-fixture';
import {
  call,
  type HttpAnswer,
  MUTATIONS,
  type Operation,
  operationsOf,
  problemCodeOf,
  readOpenApi,
} from './openapi';
import { ALL_ROLES, allowedRoles, SPEC_ROUTES, validBodies } from './routes';

/** How the spec starts the admin API, given the environment this file chooses. */
type StartAdminApi = (env: Record<string, string>) => Promise<RunningAdminApi>;

export const SECRET = 'the-intruders-spec-secret-of-32-bytes!';
export const STREAM = 'GET /v1/events/stream';
/** The query a read needs to answer 200 at all: a proof in the log's first leaf. */
const REQUIRED_QUERY: Record<string, string> = {
  'GET /v1/log/proofs/inclusion': '?leafIndex=0&treeSize=1',
  'GET /v1/log/proofs/consistency': '?first=1&second=1',
};

/** Every route of SPEC §6's table but the public ones; the first test ties it to OpenAPI. */
export const GUARDED = Object.keys(SPEC_ROUTES).filter((key) => SPEC_ROUTES[key] !== 'public');
export const RESTRICTED = GUARDED.filter((key) => allowedRoles(key).length < ALL_ROLES.length);
export const MUTATION_KEYS = GUARDED.filter((key) => MUTATIONS.has(key.split(' ')[0]!));

export const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `secret` (HS256 unless told), for `users.standards_editor` by default. */
export function hs(claims: Record<string, unknown> = {}, secret = SECRET, alg = 'HS256') {
  const { sub = users.standards_editor.sub, ...rest } = claims;
  const jwt = new SignJWT({ roles: ['standards_editor', 'admin'], ...rest })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject(String(sub))
    .setIssuedAt();
  if (claims.exp === undefined) jwt.setExpirationTime(now() + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

export function unsigned(alg: string, claims: Record<string, unknown>): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg, typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * Credentials that must all be 401: each a complete Authorization header (or none). The roles
 * they claim are the strongest, so that a verifier that let one through would be noticed.
 */
async function badCredentials(): Promise<Array<[string, string | undefined]>> {
  const all = ['editor', 'fact_checker', 'standards_editor', 'auditor', 'admin'];
  const good = await hs({ roles: ['auditor'] });
  const [header, , signature] = good.split('.');
  const escalated = base64url.encode(
    JSON.stringify({ sub: users.auditor.sub, roles: all, exp: now() + 600 }),
  );
  const { privateKey } = await generateKeyPair('RS256');
  const rs256 = await new SignJWT({ roles: all })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(users.admin.sub)
    .setExpirationTime(now() + 600)
    .sign(privateKey);
  const claims = { sub: users.admin.sub, roles: all, exp: now() + 600 };
  return [
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['a Basic header', `Basic ${Buffer.from('admin-zhou:secret').toString('base64')}`],
    ['a token that expired an hour ago', `Bearer ${await hs({ roles: all, exp: now() - 3600 })}`],
    [
      'a token not valid for another hour (nbf)',
      `Bearer ${await hs({ roles: all, nbf: now() + 3600 })}`,
    ],
    ['a forged payload under a real signature', `Bearer ${header}.${escalated}.${signature}`],
    ['a real token with its signature cut off', `Bearer ${header}.${good.split('.')[1]}.`],
    ['alg: none', `Bearer ${unsigned('none', claims)}`],
    ['alg: None', `Bearer ${unsigned('None', claims)}`],
    [
      'a token signed with another key',
      `Bearer ${await hs({ roles: all }, 'another-secret-that-is-at-least-32-bytes')}`,
    ],
    ['the right secret with HS512', `Bearer ${await hs({ roles: all }, SECRET, 'HS512')}`],
    ['an RS256 token, no key set configured', `Bearer ${rs256}`],
    ['a token with an unknown role', `Bearer ${await hs({ roles: ['superuser'] })}`],
    ['a token for the system actor', `Bearer ${await hs({ sub: 'system' })}`],
  ];
}

/**
 * A server whose every route the intruders try, with a newsroom's ids to fill the paths and a
 * valid body for each mutation; started before the tests of the describe that calls this.
 *
 * `start` starts the admin API: the spec passes `startAdminApi`, so that it names the app it
 * starts (the suites on EventStoreDB select their files by that: jest.eventstoredb-e2e.config.js).
 */
export function serverForIntruders(start: StartAdminApi) {
  let api: RunningAdminApi;
  let callers: Callers;
  let operations: Map<string, Operation>;
  let ids: SeededIds;
  let valid: Record<string, unknown>;
  let credentials: Array<[string, string | undefined]>;

  beforeAll(async () => {
    api = await start({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' });
    callers = await Callers.of(api, [otherStandardsEditor]);
    ids = await seedNewsroom(callers, 'intruders');
    valid = validBodies(ids);
    operations = new Map(operationsOf(await readOpenApi(api.url)).map((o) => [o.key, o]));
    credentials = await badCredentials();
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** A request of `key` with its valid body (for a mutation), these headers, this auth. */
  function send(
    key: string,
    authorization: string | undefined,
    headers: Record<string, string> = {},
  ) {
    const operation = operations.get(key)!;
    const url = `${api.url}${fillPath(operation.path, ids)}${REQUIRED_QUERY[key] ?? ''}`;
    const all = {
      ...(authorization !== undefined ? { Authorization: authorization } : {}),
      ...headers,
    };
    if (!MUTATIONS.has(operation.method)) {
      // An event stream let through would never end: it is cut after a second.
      return call(url, { method: operation.method, headers: all, timeoutMs: 1000 });
    }
    return call(url, {
      method: operation.method,
      headers: { 'Content-Type': 'application/json', ...all },
      body: JSON.stringify(valid[key]),
    });
  }

  async function expectRefused(answer: HttpAnswer, status: number, code: string, head: number) {
    expect({ status: answer.status, code: problemCodeOf(answer) }).toEqual({ status, code });
    expect(await settled(api)).toBe(head);
  }

  return {
    get api(): RunningAdminApi {
      return api;
    },
    get callers(): Callers {
      return callers;
    },
    get operations(): Map<string, Operation> {
      return operations;
    },
    get ids(): SeededIds {
      return ids;
    },
    get valid(): Record<string, unknown> {
      return valid;
    },
    get credentials(): Array<[string, string | undefined]> {
      return credentials;
    },
    send,
    expectRefused,
  };
}
