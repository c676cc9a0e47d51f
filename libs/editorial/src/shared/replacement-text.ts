import { checkArticleUnicode } from '@marginalia/anchoring';

/** Line endings as article text has them (SPEC §2): CRLF and CR become LF. */
export function normalizeReplacement<T extends string | null | undefined>(replacement: T): T {
  return (typeof replacement === 'string' ? replacement.replace(/\r\n?/g, '\n') : replacement) as T;
}

/** A replacement becomes article text, which is NFC and well-formed (SPEC §2). */
export function checkReplacementText(replacement: string | null | undefined): void {
  if (replacement !== null && replacement !== undefined) {
    checkArticleUnicode(replacement, 'replacement');
  }
}
