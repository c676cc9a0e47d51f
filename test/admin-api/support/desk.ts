import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Selector } from '@marginalia/anchoring';
import type { Actor, Claim, Role } from '@marginalia/domain';
import {
  ApproveVerdictCommand,
  CaptureClaimCommand,
  type CommandContext,
  type CommandResult,
  DraftVerdictCommand,
  SubmitVerdictCommand,
} from '@marginalia/editorial';
import { type RunningAdminApi, users } from '../../support/admin-api';

/** Corpus article 002: Traditional Chinese, with pinyin such as 推動(dòng) left by a converter. */
export const CORPUS_002 = readFileSync(
  join(__dirname, '..', '..', '..', 'corpus', '002_72517028c4d5bdc8.txt'),
  'utf8',
);
export const TITLE_002 = '陽泉專場新聞發布會 (推動高質量發展 深化全方位轉型 系列第二十五場)';
export const PINYIN = '推動(dòng)';
/** The fourth of the five 推動(dòng), chosen by its context. */
export const PINYIN_IN_RECYCLING = {
  exact: PINYIN,
  prefix: '規(guī)模化利用,',
  suffix: '綠色循環(huán)',
};
export const PINYIN_IN_RECYCLING_AT = 1001;
/** Another, chosen by its context too. */
export const PINYIN_IN_COAL_POWER = { exact: PINYIN, prefix: '積極', suffix: '煤電機(jī)組' };
/** A passage after the recycling one, for claims that must follow the correction. */
export const NON_COAL_GROWTH = '全市非煤工業(yè)增加值平均增速10%';

/** A second standards editor, who approves what the first proposed. */
export const otherStandardsEditor: Actor = {
  sub: 'standards-zhao',
  name: '赵标准',
  roles: ['standards_editor'],
};

export async function bearer(api: RunningAdminApi, role: Role): Promise<string> {
  return `Bearer ${await api.token(role)}`;
}

/** Imports a text article as the editor; `key` varies its source URL. Answers its id. */
export async function importText(
  api: RunningAdminApi,
  key: string,
  content: string,
  title = TITLE_002,
): Promise<string> {
  const response = await request(api.url)
    .post('/v1/articles')
    .set('Authorization', await bearer(api, 'editor'))
    .send({
      title,
      language: 'zh-Hant',
      format: 'text',
      content,
      source: { url: `https://www.yq.gov.cn/xwzx/${key}.html`, publisher: '陽泉日報' },
    })
    .expect(201);
  return (response.body as { id: string }).id;
}

export const import002 = (api: RunningAdminApi, key: string) => importText(api, key, CORPUS_002);

/** What a request of this actor gives a command. */
function contextOf(actor: Actor): CommandContext {
  const id = randomUUID();
  return { actor, correlationId: id, causationId: id };
}

/**
 * Captures a claim through the application's command bus (the claims routes belong to another
 * module), then waits until the read models show it.
 */
export async function captureClaim(
  api: RunningAdminApi,
  articleId: string,
  selector: Selector,
  statement: string | null = null,
): Promise<string> {
  const result: CommandResult<Claim> = await api.app
    .get(CommandBus)
    .execute(
      new CaptureClaimCommand(
        { articleId, selector, statement, claimant: '劉文華', topics: [] },
        contextOf(users.fact_checker),
      ),
    );
  await settled(api);
  return result.state.claimId;
}

/** Drafts, submits and publishes a verdict on a claim through the command bus. */
export async function publishVerdict(
  api: RunningAdminApi,
  claimId: string,
  rating: string,
): Promise<void> {
  const bus = api.app.get(CommandBus);
  await bus.execute(
    new DraftVerdictCommand(
      {
        claimId,
        rating,
        summary: '陽泉市統計局公報的數據大致相符。',
        rationale: null,
        sources: [
          {
            url: 'https://www.yq.gov.cn/tjxx/2023.html',
            title: '陽泉市2023年國民經濟和社會發展統計公報',
            accessedAt: '2024-12-04',
          },
        ],
      },
      contextOf(users.fact_checker),
    ),
  );
  await bus.execute(new SubmitVerdictCommand({ claimId }, contextOf(users.fact_checker)));
  await bus.execute(new ApproveVerdictCommand({ claimId }, contextOf(users.standards_editor)));
  await settled(api);
}

/** Waits until the read models and the process managers have handled the whole log. */
export async function settled(api: RunningAdminApi): Promise<void> {
  await eventually(async () => {
    const { body } = await request(api.url).get('/health').expect(200);
    const health = body as { projector: { lag: number }; processManagers: { lag: number } };
    expect([health.projector.lag, health.processManagers.lag]).toEqual([0, 0]);
  });
}

/** Retries an assertion until it holds, or fails with its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
