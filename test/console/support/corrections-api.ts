/// <reference lib="dom" />
/**
 * The corrections test's own calls: find corpus article 002 as the server seeded it, read
 * revisions and corrections, and ask the API what a person's click would have asked, to check
 * the console said what the server says. Also the selection by mouse over a code-point range.
 */
import { type Page } from 'playwright-core';
import { articleIdFor } from '@marginalia/editorial';
import { ApiClient } from './api-client';

/** Corpus article 002, as the server's seeder names it (see apps/admin-api/src/main.ts). */
export const CORPUS_002_ID: string = articleIdFor({
  source: { url: null, publisher: null, publishedAt: null },
  externalId: 'corpus:002_72517028c4d5bdc8.txt',
})!;

export interface CorrectionAnswer {
  id: string;
  status: string;
  replacement: string | null;
  notice: string;
  publishedRevision: number | null;
  anchor: { revision: number; start: number; end: number; exact: string; state: string } | null;
  version: number;
}

export class CorrectionsApi extends ApiClient {
  /** The status and body of a call, refusals included. */
  override async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
    const answer = await super.send(method, path, body, headers);
    return { status: answer.status, body: answer.body as Record<string, unknown> | undefined };
  }

  async text(articleId: string, revision: number): Promise<string> {
    return (
      await this.call<{ text: string }>(
        'GET',
        `/v1/articles/${articleId}/text?revision=${revision}`,
      )
    ).text;
  }

  correction(id: string): Promise<CorrectionAnswer> {
    return this.call('GET', `/v1/corrections/${id}`);
  }
}

/** The code-point offsets of every occurrence of `quote` in `text`. */
export function occurrences(text: string, quote: string): number[] {
  const points = Array.from(text);
  const wanted = Array.from(quote);
  const found: number[] = [];
  for (let i = 0; i + wanted.length <= points.length; i++) {
    if (wanted.every((point, j) => points[i + j] === point)) found.push(i);
  }
  return found;
}

/**
 * Selects code points [start, end) of the reader's text with the mouse, as a person does: press
 * on the left half of the first character, drag to the right half of the last, release. The
 * page is asked only where those characters are drawn (from the segments' `data-start`).
 */
export async function dragSelect(page: Page, start: number, end: number): Promise<void> {
  const box = await page.evaluate(
    ({ start, end }) => {
      const segments = Array.from(
        document.querySelectorAll<HTMLElement>('.article-text [data-start]'),
      );
      const segmentOf = (point: number) =>
        segments.find((s) => Number(s.dataset.start) <= point && point < Number(s.dataset.end))!;
      const rangeOf = (point: number) => {
        const segment = segmentOf(point);
        const node = segment.firstChild as Text;
        const units = Array.from(node.data)
          .slice(0, point - Number(segment.dataset.start))
          .join('').length;
        const range = document.createRange();
        range.setStart(node, units);
        range.setEnd(node, units + (node.data.codePointAt(units)! > 0xffff ? 2 : 1));
        return range;
      };
      const top = rangeOf(start).getClientRects()[0]!.top;
      window.scrollBy(0, top - window.innerHeight / 2);
      const first = rangeOf(start).getClientRects()[0]!;
      const last = rangeOf(end - 1).getClientRects()[0]!;
      return {
        from: { x: first.left + 2, y: first.top + first.height / 2 },
        to: { x: last.right - 2, y: last.top + last.height / 2 },
      };
    },
    { start, end },
  );
  await page.mouse.move(box.from.x, box.from.y);
  await page.mouse.down();
  await page.mouse.move(box.to.x, box.to.y, { steps: 8 });
  await page.mouse.up();
}

/** The text a sighted reader sees in `selector`: without the words only screen readers hear. */
export function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate((selector) => {
    const clone = document.querySelector(selector)!.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.correction-sr').forEach((hidden) => hidden.remove());
    return clone.textContent ?? '';
  }, selector);
}
