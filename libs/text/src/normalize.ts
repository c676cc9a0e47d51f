import { createHash } from 'node:crypto';
import { InvalidUnicodeError } from './errors';

const LONE_SURROGATE = /\p{Surrogate}/u;

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

export function assertWellFormed(value: string, field: string): void {
  if (hasLoneSurrogate(value)) throw new InvalidUnicodeError(field);
}

/** CRLF and lone CR become LF. */
export function normalizeLineEndings(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/**
 * The two changes every text goes through (SPEC §2): Unicode NFC and LF line endings. Nothing
 * else: no trimming, no collapsing of spaces, U+00A0 stays. Use it for any text that will sit
 * inside an article's text, a correction's replacement included.
 */
export function normalizeText(value: string): string {
  return normalizeLineEndings(value).normalize('NFC');
}

/** Lowercase hex SHA-256 of the text's UTF-8 bytes. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
