import { InvalidUnicodeError, type Selector } from '@marginalia/anchoring';
import { hasLoneSurrogate } from '@marginalia/text';

/**
 * The selector's strings must be well-formed and in NFC, checked before the revision is looked
 * up (SPEC §8 refusal order); the anchoring library checks the same again when it resolves.
 */
export function checkSelectorText(selector: Selector): void {
  for (const field of ['exact', 'prefix', 'suffix'] as const) {
    const value = selector[field];
    if (value === undefined) continue;
    if (hasLoneSurrogate(value)) {
      throw new InvalidUnicodeError(`selector.${field}`, 'contains a lone surrogate');
    }
    if (value.normalize('NFC') !== value) {
      throw new InvalidUnicodeError(`selector.${field}`, 'is not in Unicode NFC');
    }
  }
}
