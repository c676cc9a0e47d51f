import { checkArticleUnicode, type Selector } from '@marginalia/anchoring';

/**
 * The selector's strings must be well-formed and in NFC, checked before the revision is looked
 * up (SPEC §8 refusal order), with the anchoring library's own check.
 */
export function checkSelectorText(selector: Selector): void {
  for (const field of ['exact', 'prefix', 'suffix'] as const) {
    const value = selector[field];
    if (value !== undefined) checkArticleUnicode(value, `selector.${field}`);
  }
}
