import { importArticle } from '../admin-api/support/article-requests';
import { verdictOf } from '../admin-api/support/claim-requests';
import { type EventStore } from '@marginalia/event-store';
import { type RunningAdminApi, users, startAdminApi } from '../support/admin-api';
import {
  checker2,
  team,
  tally,
  type Answered,
  type ClaimAction,
  type Planned,
} from './support/race-answers';
import { raceThroughTwoServers } from './support/race-servers';

/*
 * Many clients change the same claims and corrections at once, with and without If-Match
 * (issue 9). Every answer is then held against the stored log:
 *
 * - a 2xx change is in its stream exactly once (found by its request id, which the server
 *   records as the events' causation), with the data it asked for; with If-Match "v" its first
 *   event is revision v+1, so there is exactly one winner per version;
 * - every loser is 409 or 412 problem+json with a code of SPEC §6/§8, and appended nothing;
 * - every 2xx answer's ETag is its body's version, a revision stored in the stream at or after
 *   its own events, and the body is the stream folded up to that revision;
 * - every stream is a path through SPEC §5's workflow, encoded from the SPEC (not from
 *   libs/domain) in support/race-claim-model.ts and race-correction-model.ts, and the final
 *   state is the fold of the whole stream.
 *
 * The corrections race in race-corrections.e2e.spec.ts. The mix of requests comes from a
 * seeded generator (RACE_SEED to replay another mix); which request wins is up to the
 * scheduler, so every run explores a different interleaving.
 */

describe('many clients racing on the same claims and corrections, through two servers', () => {
  const race = raceThroughTwoServers((env) => startAdminApi(env));
  const { burst, get, settle, pick, shuffled, plannerFor, post, captureClaims, checkClaims } = race;
  let api: RunningAdminApi;
  let store: EventStore;
  beforeAll(() => ({ api, store } = race));

  describe('PATCH edits of the same claims', () => {
    it('lets exactly one If-Match edit win per version, and loses no edit made without one', async () => {
      const { id: articleId } = await importArticle(api, 'race-edits');
      const claims = await captureClaims(articleId, 3);
      const answered: Answered<ClaimAction>[] = [];

      for (let round = 1; round <= 4; round += 1) {
        // Odd rounds: every request names the version just read. Even rounds: half send
        // `If-Match: *`, which asks for no version, so the server decides again once on a
        // lost race and answers 409 version_conflict when it loses twice.
        const onlyIfMatch = round % 2 === 1;
        const planned: Array<Planned<ClaimAction> & { streamId: string }> = [];
        for (const claimId of claims) {
          const { version } = (await get(`/v1/claims/${claimId}`)) as { version: number };
          for (let n = 0; n < 12; n += 1) {
            const statement = `山西省2023年煤炭产量达到13.78亿吨（第${round}轮第${n + 1}稿，${claimId.slice(0, 8)}）`;
            planned.push({
              streamId: `claim-${claimId}`,
              action: 'edit' as const,
              by: pick(['editor', 'checker', 'checker2'] as const),
              method: 'PATCH' as const,
              path: `/v1/claims/${claimId}`,
              body: { statement },
              ifMatch: onlyIfMatch || n % 2 === 0 ? version : ('*' as const),
              asks: { statement },
            });
          }
        }
        const results = await burst(shuffled(planned));
        answered.push(...results);
        if (onlyIfMatch) {
          // Nothing else touches these claims meanwhile: one winner each, eleven losers.
          for (const claimId of claims) {
            const mine = results.filter((result) => result.path === `/v1/claims/${claimId}`);
            expect(mine.map((result) => result.status).sort()).toEqual([
              200,
              ...Array<number>(11).fill(412),
            ]);
          }
        }
      }
      await settle();

      const violations = await checkClaims(claims, answered);
      expect(violations).toEqual([]);
      const outcome = tally(answered);
      // The race really happened, and the edits that named no version mostly landed.
      expect(outcome['edit 412 version_mismatch']).toBeGreaterThan(0);
      expect(outcome['edit 200']).toBeGreaterThan(claims.length * 4);
      for (const claimId of claims) {
        const events = await store.readStream(`claim-${claimId}`);
        const edits = events.filter((event) => event.type === 'ClaimEdited');
        const winners = answered.filter(
          (result) => result.path === `/v1/claims/${claimId}` && result.status === 200,
        );
        // No lost update: every winner once, nothing else, and the last one is what stands.
        expect(edits.map((event) => event.metadata.causationId).sort()).toEqual(
          winners.map((result) => result.requestId).sort(),
        );
        const shown = (await get(`/v1/claims/${claimId}`)) as { statement: string };
        expect(shown.statement).toBe(edits[edits.length - 1]!.data.statement);
      }
    });
  });

  describe('the verdict workflow of the same claims', () => {
    it('assigns, drafts, submits, approves, rejects, retracts and withdraws at once without skipping a step', async () => {
      const { id: articleId } = await importArticle(api, 'race-workflow');
      const claims = await captureClaims(articleId, 4);
      for (const claimId of claims) {
        await post('editor', `/v1/claims/${claimId}/assignment`, {
          assignee: users.fact_checker.sub,
        });
      }
      const answered: Answered<ClaimAction>[] = [];
      const rounds = 6;
      for (let round = 1; round <= rounds; round += 1) {
        const planned: Array<Planned<ClaimAction> & { streamId: string }> = [];
        for (const [index, claimId] of claims.entries()) {
          const { version } = (await get(`/v1/claims/${claimId}`)) as { version: number };
          const plan = plannerFor(
            planned,
            `claim-${claimId}`,
            `/v1/claims/${claimId}`,
            version,
            'edit',
          );
          const tag = `${round}-${index}-${planned.length}`;
          for (let n = 0; n < 2; n += 1) {
            const assignee = pick([users.fact_checker.sub, checker2.sub]);
            plan('assign', pick(['editor', 'editor2']), '/assignment', { assignee }, { assignee });
          }
          for (let n = 0; n < 3; n += 1) {
            const rating = pick(['true', 'mostly_true', 'half_true', 'false']);
            const drafter = pick(['checker', 'checker2'] as const);
            const verdict = verdictOf(rating);
            const summary = `${verdict.summary}（${tag}-${n}）`;
            plan(
              'draft',
              drafter,
              '/verdict',
              { ...verdict, summary },
              { rating, summary, draftedBy: team[drafter].sub },
            );
          }
          for (let n = 0; n < 2; n += 1) {
            const by = pick(['checker', 'checker2'] as const);
            plan('submit', by, '/verdict/submit', {}, { submittedBy: team[by].sub });
          }
          for (let n = 0; n < 2; n += 1) {
            const by = pick(['standards', 'standards2'] as const);
            plan('approve', by, '/verdict/approve', {}, { approvedBy: team[by].sub });
          }
          const rejecter = pick(['standards', 'standards2'] as const);
          const rejection = `来源不足（${tag}）`;
          plan(
            'reject',
            rejecter,
            '/verdict/reject',
            { reason: rejection },
            { reason: rejection, rejectedBy: team[rejecter].sub },
          );
          const retracter = pick(['standards', 'standards2'] as const);
          const retraction = `统计口径有误（${tag}）`;
          plan(
            'retract',
            retracter,
            '/verdict/retract',
            { reason: retraction },
            { reason: retraction, retractedBy: team[retracter].sub },
          );
          const statement = `山西省2023年煤炭产量达到13.78亿吨（${tag}）`;
          plan('edit', pick(['editor', 'checker2']), '', { statement }, { statement });
          if (round === rounds && index % 2 === 1) {
            const reason = `重复的说法（${tag}）`;
            plan('withdraw', 'editor', '/withdrawal', { reason }, { reason });
          }
        }
        answered.push(...(await burst(shuffled(planned))));
      }
      await settle();

      const violations = await checkClaims(claims, answered);
      expect(violations).toEqual([]);
      const outcome = tally(answered);
      // The mix reached every step, and lost races both ways.
      for (const step of ['assign', 'draft', 'submit', 'approve', 'reject', 'retract', 'edit']) {
        expect(outcome[`${step} 200`] ?? 0).toBeGreaterThan(0);
      }
      expect(outcome['412 version_mismatch']).toBeGreaterThan(0);
      expect(outcome['409 invalid_transition']).toBeGreaterThan(0);
    });
  });
});
