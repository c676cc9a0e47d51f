import { type RunningAdminApi, users, startAdminApi } from '../support/admin-api';
import {
  type Callers,
  COAL_CLAIM,
  fillPath,
  otherStandardsEditor,
  type SeededIds,
  settled,
  verdictBody,
} from './support/newsroom-fixture';
import { call, type Operation } from './support/openapi';
import { callerOf } from './support/routes';
import { hs, MUTATION_KEYS, serverForIntruders } from './support/intruders-server';

/** The actor comes from the token alone (the routes' guards are in intruders.e2e.spec.ts). */
describe('intruders at every route', () => {
  const server = serverForIntruders((env) => startAdminApi(env));
  const { expectRefused } = server;
  let api: RunningAdminApi;
  let callers: Callers;
  let operations: Map<string, Operation>;
  let ids: SeededIds;
  let valid: Record<string, unknown>;
  beforeAll(() => ({ api, callers, operations, ids, valid } = server));

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
