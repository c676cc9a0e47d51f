import { splitFrontMatter } from './front-matter';
import { htmlToText } from './html-to-text';
import { markdownToText } from './markdown-to-text';
import type { Metadata } from './metadata';
import { assertWellFormed, normalizeLineEndings, normalizeText, textSha256 } from './normalize';

export type CaptureFormat = 'text' | 'html' | 'markdown';

export const CAPTURE_FORMATS: readonly CaptureFormat[] = ['text', 'html', 'markdown'];

/** A raw capture, as the importer receives it and the event keeps it. */
export interface Capture {
  format: CaptureFormat;
  content: string;
}

/** The annotatable text derived from a capture; every span refers to `text`. */
export interface ArticleText {
  text: string;
  textSha256: string;
  /** The front matter of an html or markdown capture, JSON-safe; `{}` when there is none. */
  metadata: Metadata;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Derives an article's text from its capture by the rules of docs/text-and-anchoring.md.
 * Deterministic: the same capture always gives the same text and `textSha256`.
 */
export function captureToText({ format, content }: Capture): ArticleText {
  assertWellFormed(content, 'content');
  const { text, metadata } = derive(format, normalizeLineEndings(content));
  const normalized = normalizeText(text);
  return { text: normalized, textSha256: textSha256(normalized), metadata };
}

function derive(format: CaptureFormat, content: string): { text: string; metadata: Metadata } {
  switch (format) {
    case 'text':
      return { text: content, metadata: {} };
    case 'html':
    case 'markdown': {
      const { metadata, body } = splitFrontMatter(withoutByteOrderMark(content));
      const text = format === 'html' ? htmlToText(body) : markdownToText(body);
      return { text, metadata };
    }
  }
}

function withoutByteOrderMark(content: string): string {
  return content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content;
}
