import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { InvalidUnicodeError } from './errors';

const LONE_SURROGATE = /\p{Surrogate}/u;

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

export function assertWellFormed(value: string, field: string): void {
  if (hasLoneSurrogate(value)) throw new InvalidUnicodeError(field);
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * CRLF and lone CR become LF. Copied code unit by code unit (lone surrogates kept): V8's
 * `replace(/\r\n?/g, …)` grows faster than linearly past some 400,000 matches (a 1.6 M CRLF
 * flood took 400 ms, 20 times this loop).
 */
export function normalizeLineEndings(value: string): string {
  if (!value.includes('\r')) return value;
  const units = new Uint16Array(value.length);
  let length = 0;
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit !== CR) units[length++] = unit;
    else {
      units[length++] = LF;
      if (value.charCodeAt(index + 1) === LF) index += 1;
    }
  }
  return Buffer.from(units.buffer, 0, length * 2).toString('utf16le');
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
