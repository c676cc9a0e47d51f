/// <reference lib="dom" />
/**
 * The reader tests' own calls to the API, as a newsroom's script would make them: set up what a
 * test needs (an article, claims, a published verdict) and check what the console sent.
 */
import { type Page } from 'playwright-core';
import { ApiClient } from './api-client';

export interface Anchor {
  revision: number;
  start: number;
  end: number;
  exact: string;
  state: string;
}

export class ReaderApi extends ApiClient {
  importText(title: string, content: string, url: string): Promise<{ id: string }> {
    return this.call('POST', '/v1/articles', {
      title,
      language: 'zh-Hans',
      format: 'text',
      content,
      source: { url, publisher: '测试日报', publishedAt: '2024-03-08T10:29:15+08:00' },
    });
  }

  async text(articleId: string, revision?: number): Promise<string> {
    const query = revision === undefined ? '' : `?revision=${revision}`;
    return (await this.call<{ text: string }>('GET', `/v1/articles/${articleId}/text${query}`))
      .text;
  }

  claim(
    claimId: string,
  ): Promise<{ id: string; anchor: Anchor; statement: string; claimant: string | null }> {
    return this.call('GET', `/v1/claims/${claimId}`);
  }

  async claimCount(articleId: string): Promise<number> {
    const page = await this.call<{ items: unknown[] }>(
      'GET',
      `/v1/claims?articleId=${articleId}&limit=500`,
    );
    return page.items.length;
  }

  async capture(articleId: string, exact: string, statement: string): Promise<string> {
    const claim = await this.call<{ id: string }>('POST', `/v1/articles/${articleId}/claims`, {
      selector: { exact },
      statement,
    });
    return claim.id;
  }
}

/** The code-point range of the first `quote` in `text`, counted as the API counts (Array.from). */
export function codePointRange(
  text: string,
  quote: string,
  from = 0,
): { start: number; end: number } {
  const index = text.indexOf(quote, from);
  if (index < 0) throw new Error(`${quote} is not in the text`);
  const start = Array.from(text.slice(0, index)).length;
  return { start, end: start + Array.from(quote).length };
}

/**
 * Sets the document's selection to `[start, end)` code points of the reader's text with a DOM
 * Range, as a selection made by hand ends up; the console reads it through its own
 * selectionchange handling. `nudge` moves the start and the end by UTF-16 units (to land
 * inside a surrogate pair).
 */
export async function selectCodePoints(
  page: Page,
  start: number,
  end: number,
  nudge: { start?: number; end?: number } = {},
): Promise<void> {
  await page.evaluate(
    ({ start, end, nudge }) => {
      const root = document.querySelector('.article-text')!;
      // A start lies in the segment that begins at or before it, an end in the one that ends at or after it.
      const point = (codePoint: number, side: 'start' | 'end'): [Node, number] => {
        for (const element of Array.from(root.children) as HTMLElement[]) {
          const from = Number(element.dataset.start);
          const to = Number(element.dataset.end);
          const inside =
            side === 'start'
              ? codePoint >= from && codePoint < to
              : codePoint > from && codePoint <= to;
          if (inside) {
            const node = element.firstChild!;
            const before = Array.from(node.textContent!)
              .slice(0, codePoint - from)
              .join('');
            return [node, before.length];
          }
        }
        throw new Error(`no segment holds code point ${codePoint}`);
      };
      const [startNode, startOffset] = point(start, 'start');
      const [endNode, endOffset] = point(end, 'end');
      const range = document.createRange();
      range.setStart(startNode, startOffset + (nudge.start ?? 0));
      range.setEnd(endNode, endOffset + (nudge.end ?? 0));
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { start, end, nudge },
  );
}

/** Drags the mouse from the first to the last code point of `[start, end)`, as a person selects. */
export async function dragOverCodePoints(page: Page, start: number, end: number): Promise<void> {
  const rects = await page.evaluate(
    ({ start, end }) => {
      const root = document.querySelector('.article-text')!;
      const rectOf = (codePoint: number) => {
        for (const element of Array.from(root.children) as HTMLElement[]) {
          const from = Number(element.dataset.start);
          const to = Number(element.dataset.end);
          if (codePoint >= from && codePoint < to) {
            const node = element.firstChild!;
            const characters = Array.from(node.textContent!);
            const offset = characters.slice(0, codePoint - from).join('').length;
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + characters[codePoint - from]!.length);
            const rect = range.getClientRects()[0]!;
            return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
          }
        }
        throw new Error(`no segment holds code point ${codePoint}`);
      };
      const first = rectOf(start);
      window.scrollBy(0, first.y - window.innerHeight / 3);
      return { first: rectOf(start), last: rectOf(end - 1) };
    },
    { start, end },
  );
  const { first, last } = rects;
  await page.mouse.move(first.x + first.width * 0.2, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width * 0.8, last.y + last.height / 2, { steps: 8 });
  await page.mouse.up();
}
