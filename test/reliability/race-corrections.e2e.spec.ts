import { import002, PINYIN_IN_COAL_POWER, PINYIN_IN_RECYCLING } from '../admin-api/support/desk';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import {
  team,
  tally,
  type Answered,
  type CorrectionAction,
  type Planned,
} from './support/race-answers';
import { raceThroughTwoServers } from './support/race-servers';

/*
 * The corrections' half of the race (race-claims.e2e.spec.ts says what every answer is held
 * against).
 */

/*
 * This test found that an approved correction could be withdrawn between its article revision
 * and its CorrectionPublished when two processes share the log; the domain now refuses to
 * withdraw an approved replacement (docs/workflows.md), and this test fails on such a revision.
 */

describe('many clients racing on the same claims and corrections, through two servers', () => {
  const race = raceThroughTwoServers((env) => startAdminApi(env));
  const { burst, get, settle, pick, shuffled, plannerFor, post, checkCorrections } = race;
  let api: RunningAdminApi;
  beforeAll(() => ({ api } = race));

  describe('the review of the same corrections', () => {
    it('amends, approves, rejects and withdraws at once while the system publishes', async () => {
      const answered: Answered<CorrectionAction>[] = [];
      const articles: string[] = [];
      const corrections: string[] = [];
      for (let round = 1; round <= 4; round += 1) {
        const articleId = await import002(api, `race-corrections-${round}`);
        articles.push(articleId);
        const proposals = [
          { selector: PINYIN_IN_RECYCLING, kind: 'correction', replacement: '推動' },
          { selector: PINYIN_IN_COAL_POWER, kind: 'correction', replacement: '推動' },
          { kind: 'editors_note' },
        ];
        const ids: string[] = [];
        for (const [index, proposal] of proposals.entries()) {
          const response = await post('editor', `/v1/articles/${articleId}/corrections`, {
            ...proposal,
            notice: `更正：原文「推動(dòng)」係轉換錯誤（第${round}輪第${index + 1}則）。`,
          });
          ids.push(response.id as string);
        }
        corrections.push(...ids);
        // Two bursts on the same corrections: the second meets what the first left, including
        // approvals whose publication by the process managers is still under way.
        for (let wave = 1; wave <= 2; wave += 1) {
          const planned: Array<Planned<CorrectionAction> & { streamId: string }> = [];
          for (const [index, correctionId] of ids.entries()) {
            const { version } = (await get(`/v1/corrections/${correctionId}`)) as {
              version: number;
            };
            const tag = `${round}-${wave}-${index}`;
            const plan = plannerFor(
              planned,
              `correction-${correctionId}`,
              `/v1/corrections/${correctionId}`,
              version,
              'amend',
            );
            // Each correction has a favoured ending, four requests for it against one for each
            // other ending, so that every ending wins somewhere in the run.
            const favoured = (['approve', 'reject', 'withdraw'] as const)[(round + index) % 3];
            const count = (action: CorrectionAction) => (action === favoured ? 4 : 1);
            for (let n = 0; n < 4; n += 1) {
              const by = pick(['editor', 'editor2'] as const);
              const notice = `更正：原文「推動(dòng)」係轉換錯誤，已改為「推動」（${tag}-${n}）。`;
              plan('amend', by, '', { notice }, { notice, amendedBy: team[by].sub });
            }
            for (let n = 0; n < count('approve'); n += 1) {
              const by = pick(['standards', 'standards2'] as const);
              plan('approve', by, '/approve', {}, { approvedBy: team[by].sub });
            }
            for (let n = 0; n < count('reject'); n += 1) {
              const by = pick(['standards', 'standards2'] as const);
              const reason = `證據不足（${tag}-${n}）`;
              plan('reject', by, '/reject', { reason }, { reason, rejectedBy: team[by].sub });
            }
            for (let n = 0; n < count('withdraw'); n += 1) {
              const reason = `已另行更正（${tag}-${n}）`;
              plan('withdraw', pick(['editor', 'editor2']), '/withdrawal', { reason }, { reason });
            }
          }
          answered.push(...(await burst(shuffled(planned))));
        }
      }
      await settle();

      const violations = await checkCorrections(articles, corrections, answered);
      expect(violations).toEqual([]);
      const outcome = tally(answered);
      for (const step of ['amend', 'approve', 'reject', 'withdraw']) {
        expect(outcome[`${step} 200`] ?? 0).toBeGreaterThan(0);
      }
      expect(outcome['409 invalid_transition']).toBeGreaterThan(0);
    });
  });
});
