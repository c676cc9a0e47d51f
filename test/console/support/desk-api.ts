/**
 * The desk tests' own calls to the API, as a newsroom's script would make them: what a test
 * sets up (a captured claim) and what it checks the console sent (the claim's state).
 */
import { type ConsoleServer } from './console-server';

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

export class DeskApi {
  constructor(
    private readonly server: ConsoleServer,
    private readonly token: string,
  ) {}

  static async as(server: ConsoleServer, sub: string, roles: string[]): Promise<DeskApi> {
    return new DeskApi(server, await server.token({ sub, roles } as never));
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

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
