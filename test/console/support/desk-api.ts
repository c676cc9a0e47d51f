/**
 * The desk tests' own calls to the API, as a newsroom's script would make them: what a test
 * sets up (a captured claim) and what it checks the console sent (the claim's state).
 */
import { ApiClient } from './api-client';

export const ARTICLE_000 = 'e2b6c002-820f-51ce-a1ec-fd82caa61a41';
export const COAL = '去年煤炭产量达到13.78亿吨';

export interface DeskClaim {
  id: string;
  status: string;
  assignee: string | null;
  statement: string;
  anchor: { revision: number; start: number; end: number; exact: string; state: string };
  draft: { rating: string; summary: string; sources: unknown[]; drafters: string[] } | null;
  publishedVerdict: { rating: string } | null;
  version: number;
}

export class DeskApi extends ApiClient {
  /** Captures a claim on a quote of an article (by the quote, as SPEC §3 allows). */
  async capture(
    articleId: string,
    exact: string,
    fields: { statement?: string; claimant?: string; prefix?: string; suffix?: string } = {},
  ): Promise<DeskClaim> {
    const { prefix, suffix, ...rest } = fields;
    return this.call('POST', `/v1/articles/${articleId}/claims`, {
      selector: { exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
      ...rest,
    });
  }

  claim(claimId: string): Promise<DeskClaim> {
    return this.call('GET', `/v1/claims/${claimId}`);
  }
}
