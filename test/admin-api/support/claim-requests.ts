import request from 'supertest';
import { type Actor, type Role } from '@marginalia/domain';
import { type RunningAdminApi, users } from '../../support/admin-api';
import { COAL_CLAIM } from './article-requests';
import { expectRefused } from './refused';

/** A second standards editor, for the four-eyes rule. */
export const otherStandardsEditor: Actor = {
  sub: 'standards-liu',
  name: '刘标准',
  roles: ['standards_editor'],
};

export type Desk = Role | 'other_standards_editor';

/** The claim of corpus 000 as a fact-checker captures it (金湘军 said it, SPEC §3's example). */
export const coalCapture = {
  selector: { exact: COAL_CLAIM },
  statement: '山西省2023年煤炭产量达到13.78亿吨',
  claimant: '金湘军',
  topics: ['能源', '煤炭产量'],
};

export const statisticsBulletin = {
  url: 'https://tjj.shanxi.gov.cn/',
  title: '山西省2023年国民经济和社会发展统计公报',
  quote: '原煤产量13.78亿吨',
  accessedAt: '2024-03-09',
};

export function verdictOf(rating = 'true', sources: object[] = [statisticsBulletin]) {
  return {
    rating,
    summary: '山西省统计公报显示，2023年全省原煤产量13.78亿吨，与说法一致。',
    rationale: '省统计局公布的2023年统计公报与国家统计局分省数据一致。',
    sources,
  };
}

/** The API as each desk of the newsroom calls it, with every refusal checked to append nothing. */
export class Newsroom {
  private constructor(
    readonly api: RunningAdminApi,
    private readonly tokens: Record<Desk, string>,
  ) {}

  static async of(api: RunningAdminApi): Promise<Newsroom> {
    const roles = Object.keys(users) as Role[];
    const entries = await Promise.all(
      roles.map(async (role) => [role, `Bearer ${await api.token(role)}`] as const),
    );
    const other = `Bearer ${await api.tokenFor(otherStandardsEditor)}`;
    return new Newsroom(api, {
      ...(Object.fromEntries(entries) as Record<Role, string>),
      other_standards_editor: other,
    });
  }

  auth(desk: Desk): string {
    return this.tokens[desk];
  }

  get(desk: Desk, path: string) {
    return request(this.api.url).get(path).set('Authorization', this.auth(desk));
  }

  post(desk: Desk, path: string, body?: object) {
    const call = request(this.api.url).post(path).set('Authorization', this.auth(desk));
    return body === undefined ? call : call.send(body);
  }

  patch(desk: Desk, path: string, body: object, version: number | string) {
    return request(this.api.url)
      .patch(path)
      .set('Authorization', this.auth(desk))
      .set('If-Match', typeof version === 'number' ? `"${version}"` : version)
      .send(body);
  }

  refused(send: () => Promise<request.Response>, status: number, code: string) {
    return expectRefused(this.api, send, status, code);
  }

  /** Captures a claim (the coal claim by default) as a fact-checker; answers the claim. */
  async capture(articleId: string, body: object = coalCapture, desk: Desk = 'fact_checker') {
    const response = await this.post(desk, `/v1/articles/${articleId}/claims`, body).expect(201);
    return response.body as ClaimBody;
  }

  /** Runs a step of the workflow that must succeed; answers the claim. */
  async step(desk: Desk, path: string, body?: object): Promise<ClaimBody> {
    const response = await this.post(desk, path, body);
    if (response.status !== 200) {
      throw new Error(
        `POST ${path} as ${desk}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as ClaimBody;
  }

  /** Captures, assigns, drafts with a source and submits: a claim in review. */
  async claimInReview(articleId: string, rating = 'true', drafter: Desk = 'fact_checker') {
    const { id } = await this.capture(articleId);
    await this.step('editor', `/v1/claims/${id}/assignment`, { assignee: users.fact_checker.sub });
    await this.step(drafter, `/v1/claims/${id}/verdict`, verdictOf(rating));
    await this.step(drafter, `/v1/claims/${id}/verdict/submit`);
    return id;
  }

  /** A claim whose verdict (drafted by the fact-checker) a standards editor published. */
  async publishedClaim(articleId: string, rating = 'true') {
    const id = await this.claimInReview(articleId, rating);
    await this.step('standards_editor', `/v1/claims/${id}/verdict/approve`);
    return id;
  }
}

/** The fields of a claim's answer the tests read. */
export interface ClaimBody {
  id: string;
  articleId: string;
  status: string;
  assignee: string | null;
  statement: string;
  claimant: string | null;
  topics: string[];
  anchor: Record<string, unknown>;
  draft: Record<string, unknown> | null;
  publishedVerdict: Record<string, unknown> | null;
  verdictHistory: Array<{ verdictVersion: number; step: string; by: string; reason?: string }>;
  version: number;
}
