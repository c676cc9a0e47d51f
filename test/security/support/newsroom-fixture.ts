import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type Actor, type Role } from '@marginalia/domain';
import { type RunningAdminApi, users } from '../../support/admin-api';

/** Corpus article 000 (山西日报), the article every security spec annotates. */
export const CORPUS_000 = readFileSync(
  join(__dirname, '..', '..', '..', 'corpus', '000_d9281aa7de545bf9.txt'),
  'utf8',
);
export const COAL_CLAIM = '去年煤炭产量达到13.78亿吨';
/** Another passage of corpus 000, for a correction that does not overlap the claim. */
export const PASSAGE = '山西代表团媒体开放日';

export const ROLES = Object.keys(users) as Role[];

/** A second standards editor, for the four-eyes rule. */
export const otherStandardsEditor: Actor = {
  sub: 'standards-security',
  name: '安标准',
  roles: ['standards_editor'],
};

export function importBody(key: string, overrides: Record<string, unknown> = {}) {
  return {
    title: '7个关键词,来看山西代表团媒体开放日',
    language: 'zh-Hans',
    format: 'text',
    content: CORPUS_000,
    source: {
      url: `https://www.sxrbw.com/static/content/SZXW/2024-03-08/security-${key}.html`,
      publisher: '山西日报客户端',
      publishedAt: '2024-03-08T10:29:15+08:00',
    },
    ...overrides,
  };
}

export const verdictBody = {
  rating: 'true',
  summary: '山西省统计公报显示，2023年全省原煤产量13.78亿吨，与说法一致。',
  rationale: '省统计局公布的2023年统计公报与国家统计局分省数据一致。',
  sources: [
    {
      url: 'https://tjj.shanxi.gov.cn/',
      title: '山西省2023年国民经济和社会发展统计公报',
      quote: '原煤产量13.78亿吨',
      accessedAt: '2024-03-09',
    },
  ],
};

/** The API as each role calls it: `as(role).post(path)`… with the role's bearer token set. */
export class Callers {
  private constructor(
    readonly api: RunningAdminApi,
    private readonly tokens: Map<string, string>,
  ) {}

  static async of(api: RunningAdminApi, extra: Actor[] = []): Promise<Callers> {
    const tokens = new Map<string, string>();
    for (const role of ROLES) tokens.set(role, await api.token(role));
    for (const actor of extra) tokens.set(actor.sub, await api.tokenFor(actor));
    return new Callers(api, tokens);
  }

  bearer(who: string): string {
    const token = this.tokens.get(who);
    if (token === undefined) throw new Error(`No token for ${who}`);
    return `Bearer ${token}`;
  }

  send(
    who: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    let call = request(this.api.url)
      [method.toLowerCase() as 'get'](path)
      .set('Authorization', this.bearer(who));
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return body === undefined ? call : call.send(body as object);
  }

  /** A request that must succeed; answers its JSON body. */
  async ok<T = Record<string, unknown>>(
    who: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.send(who, method, path, body, headers);
    if (response.status >= 300) {
      throw new Error(
        `${method} ${path} as ${who}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as T;
  }
}

export interface SeededIds {
  articleId: string;
  claimId: string;
  correctionId: string;
}

/**
 * An article (corpus 000) with a claim assigned to the fact-checker and carrying a draft
 * verdict, and a proposed correction of another passage: real ids for every path parameter.
 */
export async function seedNewsroom(callers: Callers, key: string): Promise<SeededIds> {
  const article = await callers.ok<{ id: string }>(
    'editor',
    'POST',
    '/v1/articles',
    importBody(key),
  );
  const claim = await callers.ok<{ id: string }>(
    'fact_checker',
    'POST',
    `/v1/articles/${article.id}/claims`,
    { selector: { exact: COAL_CLAIM }, claimant: '金湘军' },
  );
  await callers.ok('editor', 'POST', `/v1/claims/${claim.id}/assignment`, {
    assignee: users.fact_checker.sub,
  });
  await callers.ok('fact_checker', 'POST', `/v1/claims/${claim.id}/verdict`, verdictBody);
  const correction = await callers.ok<{ id: string }>(
    'editor',
    'POST',
    `/v1/articles/${article.id}/corrections`,
    {
      selector: { exact: PASSAGE },
      kind: 'correction',
      replacement: '山西代表团媒体开放活动',
      notice: '标题用语已更正。',
    },
  );
  return { articleId: article.id, claimId: claim.id, correctionId: correction.id };
}

/** A path of the OpenAPI document with its `{id}` filled for the resource it names. */
export function fillPath(path: string, ids: SeededIds): string {
  return path.replace('{id}', () => {
    if (path.startsWith('/v1/articles/')) return ids.articleId;
    if (path.startsWith('/v1/claims/')) return ids.claimId;
    if (path.startsWith('/v1/corrections/')) return ids.correctionId;
    throw new Error(`No seeded id for ${path}`);
  });
}

export interface Health {
  status: number;
  headPosition: number;
  projectorLag: number | null;
  processManagersLag: number | null;
}

/** GET /health, read as a monitor would. */
export async function health(api: RunningAdminApi): Promise<Health> {
  const response = await request(api.url).get('/health');
  const body = response.body as {
    store?: { headPosition?: number };
    projector?: { lag: number | null };
    processManagers?: { lag: number | null };
  };
  return {
    status: response.status,
    headPosition: body.store?.headPosition ?? -1,
    projectorLag: body.projector?.lag ?? null,
    processManagersLag: body.processManagers?.lag ?? null,
  };
}

/** Waits until the read models and the process managers have handled the whole log. */
export async function settled(api: RunningAdminApi, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await health(api);
    if (now.status === 200 && now.projectorLag === 0 && now.processManagersLag === 0) {
      return now.headPosition;
    }
    if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(now)}`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}
