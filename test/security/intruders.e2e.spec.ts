import { type Role } from '@marginalia/domain';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { type Callers, fillPath, type SeededIds, settled } from './support/newsroom-fixture';
import { call, callHead, type Operation, problemCodeOf } from './support/openapi';
import { acceptedWithStaleIfMatch, ALL_ROLES, allowedRoles, SPEC_ROUTES } from './support/routes';
import {
  GUARDED,
  MUTATION_KEYS,
  RESTRICTED,
  serverForIntruders,
  STREAM,
} from './support/intruders-server';

/*
 * Every route of SPEC §6 against bad credentials and the wrong roles; the actor's own fields
 * and the four-eyes rule are in intruders-actors.e2e.spec.ts.
 */
describe('intruders at every route', () => {
  const server = serverForIntruders((env) => startAdminApi(env));
  const { send, expectRefused } = server;
  let api: RunningAdminApi;
  let callers: Callers;
  let operations: Map<string, Operation>;
  let ids: SeededIds;
  let credentials: Array<[string, string | undefined]>;
  beforeAll(() => ({ api, callers, operations, ids, credentials } = server));

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
      if (key === STREAM || key === 'GET /v1/changes/stream') {
        const url = `${api.url}${key.slice('GET '.length)}`;
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
});
