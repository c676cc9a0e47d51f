/**
 * A DOM selection over the article's text as the API's selector. Each segment element carries
 * its code-point range (`data-start`, `data-end`, see MarkedText), so a boundary is that
 * element's start plus the code points of its text before the boundary. A boundary outside the
 * text is clamped to the text's edge; a selection that does not touch the text gives nothing.
 */
import { codePointOffsetOfUtf16, quoteSelectorOf } from './text-offsets';
import type { Selector } from './view-types';

export type QuoteSelector = Required<Selector>;

export function selectorOfRange(
  root: Element,
  range: Range,
  text: string,
): QuoteSelector | undefined {
  const whole = document.createRange();
  whole.selectNodeContents(root);
  // -1 before the text, 0 inside it, 1 after it.
  const startAt = whole.comparePoint(range.startContainer, range.startOffset);
  const endAt = whole.comparePoint(range.endContainer, range.endOffset);
  if (endAt < 0 || startAt > 0) return undefined;
  const startsBefore = startAt < 0;
  const endsAfter = endAt > 0;
  const start = startsBefore
    ? 0
    : boundaryOffset(root, range.startContainer, range.startOffset, 'back');
  const end = endsAfter
    ? codePointsOf(root)
    : boundaryOffset(root, range.endContainer, range.endOffset, 'forward');
  if (start === undefined || end === undefined || end <= start) return undefined;
  return quoteSelectorOf(text, start, end);
}

/** The selection of this document as a selector over `root`'s text, if it touches it. */
export function selectorOfSelection(root: Element, text: string): QuoteSelector | undefined {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  return selectorOfRange(root, selection.getRangeAt(0), text);
}

function boundaryOffset(
  root: Element,
  node: Node,
  offset: number,
  snap: 'back' | 'forward',
): number | undefined {
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = node.parentElement?.closest<HTMLElement>('[data-start]');
    if (!segment || !root.contains(segment)) return undefined;
    return (
      Number(segment.dataset.start) + codePointOffsetOfUtf16(node.textContent ?? '', offset, snap)
    );
  }
  if (!(node instanceof Element)) return undefined;
  if (node === root) {
    // Between two segments: the start of the one after, or the end of the last.
    const after = root.children[offset] as HTMLElement | undefined;
    return after ? Number(after.dataset.start) : codePointsOf(root);
  }
  const segment = node.closest<HTMLElement>('[data-start]');
  if (!segment || !root.contains(segment)) return undefined;
  // Inside a segment element, before or after its one text node.
  return offset === 0 ? Number(segment.dataset.start) : Number(segment.dataset.end);
}

function codePointsOf(root: Element): number {
  const last = root.lastElementChild as HTMLElement | null;
  return last ? Number(last.dataset.end) : 0;
}

/** The DOM range of `[start, end)` code points of `root`'s text: how the console selects a found passage. */
export function rangeOfCodePoints(root: Element, start: number, end: number): Range | undefined {
  const startPoint = pointAt(root, start, 'start');
  const endPoint = pointAt(root, end, 'end');
  if (!startPoint || !endPoint) return undefined;
  const range = document.createRange();
  range.setStart(...startPoint);
  range.setEnd(...endPoint);
  return range;
}

function pointAt(
  root: Element,
  codePoint: number,
  side: 'start' | 'end',
): [Node, number] | undefined {
  for (const element of Array.from(root.children) as HTMLElement[]) {
    const from = Number(element.dataset.start);
    const to = Number(element.dataset.end);
    const inside =
      side === 'start' ? codePoint >= from && codePoint < to : codePoint > from && codePoint <= to;
    const node = element.firstChild;
    if (inside && node) {
      const before = Array.from(node.textContent ?? '').slice(0, codePoint - from);
      return [node, before.join('').length];
    }
  }
  return undefined;
}
