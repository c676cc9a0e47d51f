import { hasLoneSurrogate } from '@marginalia/text';
import { InvalidUnicodeError } from './errors';

export function isNfc(value: string): boolean {
  return value.normalize('NFC') === value;
}

/**
 * The one check of text that becomes or matches article text (SPEC §2, §8): well-formed (no
 * lone surrogate, which has no UTF-8) and in NFC, as every article text is. `field` names the
 * input in the refusal (`invalid_unicode`).
 */
export function checkArticleUnicode(value: string, field: string): void {
  if (hasLoneSurrogate(value)) throw new InvalidUnicodeError(field, 'contains a lone surrogate');
  if (!isNfc(value)) throw new InvalidUnicodeError(field, 'is not in Unicode NFC');
}

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code points in `value.slice(from, to)`, for a well-formed string cut between code points. */
export function countCodePoints(value: string, from = 0, to = value.length): number {
  let count = 0;
  for (let index = from; index < to; index += 1) {
    if (!isLowSurrogate(value.charCodeAt(index))) count += 1;
  }
  return count;
}
