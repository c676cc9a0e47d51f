import { checkArticleUnicode } from '@marginalia/anchoring';
import { normalizeLineEndings } from '@marginalia/text';

/**
 * A replacement becomes article text (SPEC §2): its line endings become LF as the text's do,
 * and it must then be well-formed and in NFC. Checked before the article is read, so its
 * `invalid_unicode` comes before `revision_not_found` and the span checks (SPEC §8).
 */
export function replacementText<T extends string | null | undefined>(replacement: T): T {
  if (typeof replacement !== 'string') return replacement;
  const text = normalizeLineEndings(replacement);
  checkArticleUnicode(text, 'replacement');
  return text as T;
}
