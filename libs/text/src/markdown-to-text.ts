import MarkdownIt from 'markdown-it';
import { htmlToText } from './html-to-text';

/**
 * CommonMark with GitHub's tables and strikethrough and raw HTML (a capture's inline HTML is
 * part of what the reader sees), and nothing that rewrites the author's characters: no
 * typographer quotes, no linking of bare URLs.
 */
const markdown = new MarkdownIt('default', {
  html: true,
  linkify: false,
  typographer: false,
  maxNesting: 20,
});

/** Markdown as a reader sees it: rendered to HTML, then read as HTML is read. */
export function markdownToText(source: string): string {
  return htmlToText(markdown.render(source));
}
