import { InvalidUnicodeError } from '@marginalia/anchoring';
import { hasLoneSurrogate } from '@marginalia/text';

/** Line endings as article text has them (SPEC §2): CRLF and CR become LF. */
export function normalizeReplacement<T extends string | null | undefined>(replacement: T): T {
  return (typeof replacement === 'string' ? replacement.replace(/\r\n?/g, '\n') : replacement) as T;
}

/** A replacement becomes article text, which is NFC and well-formed (SPEC §2). */
export function checkReplacementText(replacement: string | null | undefined): void {
  if (replacement === null || replacement === undefined) return;
  if (hasLoneSurrogate(replacement)) {
    throw new InvalidUnicodeError('replacement', 'contains a lone surrogate');
  }
  if (replacement.normalize('NFC') !== replacement) {
    throw new InvalidUnicodeError('replacement', 'is not in Unicode NFC');
  }
}
