import { readHtml } from './html-tree';
import { ReaderText } from './reader-text';

/** Elements whose content a reader does not see on the page. */
const HIDDEN = new Set([
  'head',
  'title',
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'canvas',
  'video',
  'audio',
]);

/** Elements laid out as blocks: each one starts and ends a paragraph. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

/** Table cells: side by side on a row, as a reader sees them, so a space apart. */
const CELLS = new Set(['td', 'th']);

/** Elements whose white space is kept as written. */
const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

/** Elements after whose start tag HTML drops one line break. */
const LEADING_NEWLINE_DROPPED = new Set(['pre', 'listing', 'textarea']);

/**
 * The text a reader sees in an HTML document: tags removed, entities decoded, hidden elements
 * left out, block elements as paragraph breaks (`\n\n`), `<br>` as a line break, table cells a
 * space apart on their row, white space as a browser lays it out (see ReaderText). Links keep
 * their text, images show no text.
 */
export function htmlToText(html: string): string {
  const reader = new ReaderText();
  let hidden = 0;
  let preformatted = 0;
  let dropLeadingNewline = false;

  readHtml(html, {
    open(name) {
      if (HIDDEN.has(name)) hidden += 1;
      if (hidden > 0) return;
      if (BLOCKS.has(name)) reader.paragraphBreak();
      if (CELLS.has(name)) reader.flow(' ');
      if (name === 'br') reader.lineBreak();
      if (PREFORMATTED.has(name)) preformatted += 1;
      dropLeadingNewline = LEADING_NEWLINE_DROPPED.has(name);
    },
    text(text) {
      if (hidden > 0) return;
      const shown = dropLeadingNewline && text.startsWith('\n') ? text.slice(1) : text;
      dropLeadingNewline = false;
      if (preformatted > 0) reader.preformatted(shown);
      else reader.flow(shown);
    },
    close(name) {
      dropLeadingNewline = false;
      if (HIDDEN.has(name)) {
        hidden = Math.max(0, hidden - 1);
        return;
      }
      if (hidden > 0) return;
      if (PREFORMATTED.has(name)) preformatted = Math.max(0, preformatted - 1);
      if (BLOCKS.has(name)) reader.paragraphBreak();
      if (CELLS.has(name)) reader.flow(' ');
    },
  });
  return reader.toString();
}
