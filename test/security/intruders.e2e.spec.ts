import { base64url, generateKeyPair, SignJWT } from 'jose';
import { type Role } from '@marginalia/domain';
import { startAdminApi, type RunningAdminApi, users } from '../support/admin-api';
import {
  Callers,
  COAL_CLAIM,
  fillPath,
  otherStandardsEditor,
  seedNewsroom,
  type SeededIds,
  settled,
  verdictBody,
} from './support/newsroom-fixture';
import {
  call,
  callHead,
  type HttpAnswer,
  MUTATIONS,
  type Operation,
  operationsOf,
  problemCodeOf,
  readOpenApi,
} from './support/openapi';
import {
  acceptedWithStaleIfMatch,
  ALL_ROLES,
  allowedRoles,
  callerOf,
  SPEC_ROUTES,
  validBodies,
} from './support/routes';

const SECRET = 'the-intruders-spec-secret-of-32-bytes!';
const STREAM = 'GET /v1/events/stream';
/** The query a read needs to answer 200 at all: a proof in the log's first leaf. */
const REQUIRED_QUERY: Record<string, string> = {
  'GET /v1/log/proofs/inclusion': '?leafIndex=0&treeSize=1',
  'GET /v1/log/proofs/consistency': '?first=1&second=1',
};

/** Every route of SPEC §6's table but the public ones; the first test ties it to OpenAPI. */
const GUARDED = Object.keys(SPEC_ROUTES).filter((key) => SPEC_ROUTES[key] !== 'public');
const RESTRICTED = GUARDED.filter((key) => allowedRoles(key).length < ALL_ROLES.length);
const MUTATION_KEYS = GUARDED.filter((key) => MUTATIONS.has(key.split(' ')[0]!));

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `secret` (HS256 unless told), for `users.standards_editor` by default. */
function hs(claims: Record<string, unknown> = {}, secret = SECRET, alg = 'HS256') {
  const { sub = users.standards_editor.sub, ...rest } = claims;
  const jwt = new SignJWT({ roles: ['standards_editor', 'admin'], ...rest })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject(String(sub))
    .setIssuedAt();
  if (claims.exp === undefined) jwt.setExpirationTime(now() + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

function unsigned(alg: string, claims: Record<string, unknown>): string {
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

describe('intruders at every route', () => {
  let api: RunningAdminApi;
  let callers: Callers;
  let operations: Map<string, Operation>;
  let ids: SeededIds;
  let valid: Record<string, unknown>;
  let credentials: Array<[string, string | undefined]>;

  beforeAll(async () => {
    api = await startAdminApi({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' });
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

  it('classifies every operation of the OpenAPI document in SPEC §6’s table, as documented', () => {
    expect([...operations.keys()].sort()).toEqual(Object.keys(SPEC_ROUTES).sort());
    for (const [key, operation] of operations) {
      const roles = allowedRoles(key);
      const security = roles === 'public' ? [] : [{ bearer: [] }];
      expect({ key, security: operation.spec.security }).toEqual({ key, security });
      if (roles === 'public') continue;
      // The document tells clients which roles may call a restricted route.
      const documented = operation.spec['x-required-roles'] ?? ALL_ROLES;
      expect({ key, roles: [...documented].sort() }).toEqual({ key, roles: [...roles].sort() });
    }
  });

  it.each(GUARDED)('%s: 401 unauthenticated for every bad credential', async (key) => {
    const head = await settled(api);
    for (const [what, authorization] of credentials) {
      const answer = await send(key, authorization);
      expect({ what, status: answer.status, code: answer.json?.code }).toEqual({
        what,
        status: 401,
        code: 'unauthenticated',
      });
      expect(problemCodeOf(answer)).toBe('unauthenticated');
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="marginalia"');
    }
    expect(await settled(api)).toBe(head);
  });

  it.each(RESTRICTED)('%s: 403 forbidden for every role SPEC §6 refuses', async (key) => {
    const allowed = allowedRoles(key) as Role[];
    const refused = ALL_ROLES.filter((role) => !allowed.includes(role));
    expect(refused.length).toBeGreaterThan(0);
    for (const role of refused) {
      const head = await settled(api);
      const answer = await send(key, callers.bearer(role));
      expect({ role, status: answer.status }).toEqual({ role, status: 403 });
      await expectRefused(answer, 403, 'forbidden', head);
      if (!MUTATION_KEYS.includes(key)) continue;
      // The route's guard refuses before the body is read: not even its media type is looked at.
      const operation = operations.get(key)!;
      const unread = await call(`${api.url}${fillPath(operation.path, ids)}`, {
        method: operation.method,
        headers: { Authorization: callers.bearer(role), 'Content-Type': 'text/plain' },
        body: 'not even JSON',
      });
      expect({ role, unread: unread.status }).toEqual({ role, unread: 403 });
    }
  });

  it.each(GUARDED)('%s: every role SPEC §6 allows gets past the guard', async (key) => {
    for (const role of allowedRoles(key) as Role[]) {
      const head = await settled(api);
      if (key === STREAM) {
        const url = `${api.url}/v1/events/stream`;
        const answer = await callHead(url, {
          method: 'GET',
          headers: { Authorization: callers.bearer(role) },
        });
        expect({ role, status: answer.status }).toEqual({ role, status: 200 });
        continue;
      }
      // A mutation goes with a stale If-Match, so that it passes every check and appends nothing.
      const mutation = MUTATION_KEYS.includes(key);
      const answer = await send(key, callers.bearer(role), mutation ? { 'If-Match': '"999"' } : {});
      // A read answers 200, or 404 for the review of a claim with no published verdict.
      const expected = mutation
        ? acceptedWithStaleIfMatch(key).status
        : key === 'GET /v1/claims/{id}/claim-review'
          ? 404
          : 200;
      expect({ role, status: answer.status }).toEqual({ role, status: expected });
      expect(await settled(api)).toBe(head);
    }
  });

  describe('the actor comes from the token, never from the request', () => {
    const SPOOFED_FIELDS = {
      actor: { sub: otherStandardsEditor.sub, roles: ['standards_editor'] },
      actorId: otherStandardsEditor.sub,
      sub: otherStandardsEditor.sub,
      createdBy: otherStandardsEditor.sub,
      approvedBy: otherStandardsEditor.sub,
      draftedBy: otherStandardsEditor.sub,
      proposedBy: otherStandardsEditor.sub,
      metadata: { actor: { sub: otherStandardsEditor.sub } },
    };
    const SPOOFED_HEADERS = {
      'X-Actor': otherStandardsEditor.sub,
      'X-User': otherStandardsEditor.sub,
      'X-User-Id': otherStandardsEditor.sub,
      'X-Forwarded-User': otherStandardsEditor.sub,
      'X-Remote-User': otherStandardsEditor.sub,
      'X-Auth-Request-User': otherStandardsEditor.sub,
    };

    it.each(MUTATION_KEYS)('%s: refuses each actor field as unknown (400)', async (key) => {
      const role = callerOf(key);
      for (const [field, value] of Object.entries(SPOOFED_FIELDS)) {
        const head = await settled(api);
        const operation = operations.get(key)!;
        const answer = await call(`${api.url}${fillPath(operation.path, ids)}`, {
          method: operation.method,
          headers: {
            Authorization: callers.bearer(role),
            'Content-Type': 'application/json',
            ...(operation.method === 'PATCH' ? { 'If-Match': '"999"' } : {}),
          },
          body: JSON.stringify({ ...(valid[key] as object), [field]: value }),
        });
        expect({ field, status: answer.status }).toEqual({ field, status: 400 });
        await expectRefused(answer, 400, 'validation_failed', head);
        expect(answer.json?.errors).toEqual([{ field, message: 'is not a known field' }]);
      }
    });

    it('records the token’s sub and roles, whatever headers or extra token claims say', async () => {
      const impostor = await hs({
        roles: ['fact_checker'],
        sub: users.fact_checker.sub,
        name: users.fact_checker.name,
        actor: { sub: otherStandardsEditor.sub },
        act: { sub: otherStandardsEditor.sub },
        on_behalf_of: otherStandardsEditor.sub,
        createdBy: otherStandardsEditor.sub,
      });
      const head = await settled(api);
      const answer = await call(`${api.url}/v1/articles/${ids.articleId}/claims`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${impostor}`,
          'Content-Type': 'application/json',
          ...SPOOFED_HEADERS,
        },
        body: JSON.stringify({ selector: { exact: COAL_CLAIM }, statement: '谁说的？' }),
      });
      expect(answer.status).toBe(201);
      const feed = await callers.ok<{ items: Array<{ metadata: { actor: unknown } }> }>(
        'auditor',
        'GET',
        `/v1/events?after=${head}`,
      );
      expect(feed.items.map((item) => item.metadata.actor)).toEqual([
        { sub: users.fact_checker.sub, name: users.fact_checker.name, roles: ['fact_checker'] },
      ]);
    });
  });

  describe('the four-eyes rule (SPEC §1) cannot be bypassed', () => {
    const self = users.standards_editor;

    async function approveAttempts(path: string) {
      const head = await settled(api);
      const approve = (headers: Record<string, string>, body?: object) =>
        call(`${api.url}${path}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      const bearer = callers.bearer('standards_editor');
      // Fields that name someone else are unknown fields.
      for (const field of ['approvedBy', 'actor', 'draftedBy', 'proposedBy', 'sub']) {
        const answer = await approve(
          { Authorization: bearer },
          {
            [field]:
              field === 'actor' ? { sub: otherStandardsEditor.sub } : otherStandardsEditor.sub,
          },
        );
        await expectRefused(answer, 400, 'validation_failed', head);
      }
      // Headers that name someone else are not heard.
      await expectRefused(
        await approve({
          Authorization: bearer,
          'X-Forwarded-User': otherStandardsEditor.sub,
          'X-Actor': otherStandardsEditor.sub,
        }),
        409,
        'self_approval_forbidden',
        head,
      );
      // Another token of the same person, with more roles or another name, is still them.
      const sameSub = await hs({
        roles: ['standards_editor', 'admin', 'editor'],
        name: '另一个名字',
      });
      await expectRefused(
        await approve({ Authorization: `Bearer ${sameSub}` }),
        409,
        'self_approval_forbidden',
        head,
      );
      // Another standards editor may.
      const other = await approve({ Authorization: callers.bearer(otherStandardsEditor.sub) });
      expect(other.status).toBe(200);
      return other.json!;
    }

    it('for a verdict the standards editor drafted', async () => {
      const claim = await callers.ok<{ id: string }>(
        'standards_editor',
        'POST',
        `/v1/articles/${ids.articleId}/claims`,
        { selector: { exact: COAL_CLAIM }, statement: '四眼原则：核查' },
      );
      await callers.ok('standards_editor', 'POST', `/v1/claims/${claim.id}/assignment`, {
        assignee: self.sub,
      });
      await callers.ok('standards_editor', 'POST', `/v1/claims/${claim.id}/verdict`, verdictBody);
      await callers.ok('standards_editor', 'POST', `/v1/claims/${claim.id}/verdict/submit`);
      const published = await approveAttempts(`/v1/claims/${claim.id}/verdict/approve`);
      expect(published).toMatchObject({ status: 'published' });
    });

    it('for a correction the standards editor proposed', async () => {
      const correction = await callers.ok<{ id: string }>(
        'standards_editor',
        'POST',
        `/v1/articles/${ids.articleId}/corrections`,
        { kind: 'editors_note', notice: '四眼原则：编者按' },
      );
      const approved = await approveAttempts(`/v1/corrections/${correction.id}/approve`);
      expect(approved.status).toEqual(expect.stringMatching(/^(approved|published)$/));
    });
  });
});
