/// <reference lib="dom" />
/**
 * Selecting a quote in the reader as a person does, by a mouse drag from its first character to
 * its last: the characters are found through the marked text's `data-start`/`data-end` code
 * points, and the drag goes through the console's own mouseup and selectionchange handling.
 */
import { type Page } from 'playwright-core';

export async function dragOverQuote(page: Page, quote: string): Promise<void> {
  const rects = await page.evaluate((quote) => {
    const root = document.querySelector('.article-text')!;
    const codePoints = Array.from(root.textContent);
    const text = root.textContent;
    const utf16 = text.indexOf(quote);
    if (utf16 < 0 || text.indexOf(quote, utf16 + 1) >= 0) {
      throw new Error(`the quote is not in the text once: ${quote}`);
    }
    const start = Array.from(text.slice(0, utf16)).length;
    const end = start + Array.from(quote).length;
    if (end > codePoints.length) throw new Error('the quote runs past the text');
    const rectOf = (codePoint: number) => {
      for (const element of Array.from(root.children) as HTMLElement[]) {
        const from = Number(element.dataset.start);
        const to = Number(element.dataset.end);
        if (codePoint < from || codePoint >= to) continue;
        const node = element.firstChild!;
        const characters = Array.from(node.textContent!);
        const offset = characters.slice(0, codePoint - from).join('').length;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + characters[codePoint - from]!.length);
        const rect = range.getClientRects()[0]!;
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      throw new Error(`no piece of the text holds code point ${codePoint}`);
    };
    window.scrollBy(0, rectOf(start).y - window.innerHeight / 3);
    return { first: rectOf(start), last: rectOf(end - 1) };
  }, quote);
  const { first, last } = rects;
  await page.mouse.move(first.x + first.width * 0.2, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width * 0.8, last.y + last.height / 2, { steps: 8 });
  await page.mouse.up();
}
