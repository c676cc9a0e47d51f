const COLLAPSIBLE = /[ \t\n\f\r]+/g;
const LINE_FEED = 0x0a;

/**
 * Full-width, wide or half-width scripts (CSS Text 3 §4.1.3 approximates East Asian Width F, W
 * and H by these): a line break in the source between two such characters shows as nothing.
 */
const EAST_ASIAN_WIDE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6]$/u;

type PendingSpace = 'none' | 'space' | 'segment_break';

/**
 * Builds the text a reader sees from the text of an HTML document, piece by piece, with the
 * CSS `white-space: normal` rules a browser applies: runs of ASCII white space collapse to one
 * space, spaces at the start and end of a line disappear, a source line break between two East
 * Asian wide characters disappears. Other spaces (U+00A0, U+3000) are kept as they are.
 */
export class ReaderText {
  private readonly parts: string[] = [];
  private trailingLineBreaks = 0;
  private empty = true;
  private atLineStart = true;
  private lastCharacter = '';
  private pendingSpace: PendingSpace = 'none';
  private pendingParagraph = false;

  /** Text laid out with collapsible white space. */
  flow(text: string): void {
    let index = 0;
    for (const match of text.matchAll(COLLAPSIBLE)) {
      this.words(text.slice(index, match.index));
      const breaks = match[0].includes('\n');
      this.pendingSpace =
        breaks || this.pendingSpace === 'segment_break' ? 'segment_break' : 'space';
      index = match.index + match[0].length;
    }
    this.words(text.slice(index));
  }

  /** Text whose white space is kept, as in `<pre>`. */
  preformatted(text: string): void {
    if (text === '') return;
    this.startParagraphIfPending();
    if (this.pendingSpace !== 'none' && !this.atLineStart) this.emit(' ');
    this.pendingSpace = 'none';
    this.emit(text);
  }

  lineBreak(): void {
    this.startParagraphIfPending();
    this.pendingSpace = 'none';
    this.emit('\n');
  }

  paragraphBreak(): void {
    this.pendingSpace = 'none';
    this.pendingParagraph = true;
  }

  toString(): string {
    const text = this.parts.join('');
    let start = 0;
    while (text.charCodeAt(start) === LINE_FEED) start += 1;
    return text.slice(start, start + lengthWithoutTrailingLineBreaks(text.slice(start)));
  }

  private words(text: string): void {
    if (text === '') return;
    this.startParagraphIfPending();
    if (this.pendingSpace !== 'none' && !this.atLineStart) {
      const joined =
        this.pendingSpace === 'segment_break' &&
        isEastAsianWide(this.lastCharacter) &&
        isEastAsianWide(String.fromCodePoint(text.codePointAt(0) ?? 0));
      if (!joined) this.emit(' ');
    }
    this.pendingSpace = 'none';
    this.emit(text);
  }

  private startParagraphIfPending(): void {
    if (!this.pendingParagraph) return;
    this.pendingParagraph = false;
    if (this.empty) return;
    this.emit('\n'.repeat(Math.max(0, 2 - this.trailingLineBreaks)));
  }

  private emit(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.empty = false;
    const trailing = text.length - lengthWithoutTrailingLineBreaks(text);
    this.trailingLineBreaks =
      trailing === text.length ? this.trailingLineBreaks + trailing : trailing;
    this.atLineStart = trailing > 0;
    const last = Array.from(text.slice(-2)).pop() ?? '';
    this.lastCharacter = last;
  }
}

/**
 * Counted from the end in a loop: a regex such as `/\n*$/` retries from every line break of a
 * run that does not end the text, quadratic in the run (200,000 in a `<pre>` froze the server).
 */
function lengthWithoutTrailingLineBreaks(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === LINE_FEED) end -= 1;
  return end;
}

function isEastAsianWide(character: string): boolean {
  return EAST_ASIAN_WIDE.test(character);
}
