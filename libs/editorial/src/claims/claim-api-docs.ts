import { etagHeader } from '@marginalia/http';

/** What the claim and verdict routes share in their OpenAPI documentation. */
export const ETAG_HEADER = etagHeader('claim');

export const CLAIM_HEADERS = {
  Location: { description: 'The claim', schema: { type: 'string' } },
  ...ETAG_HEADER,
};

export const SPAN_REFUSALS =
  'the selector: `quote_not_found`, `quote_ambiguous`, `quote_mismatch`, `empty_span`, ' +
  '`span_out_of_range`, `span_splits_grapheme`, `invalid_unicode`, `revision_not_found`';

export const WITHDRAWN_OR_STATE =
  '`invalid_transition`: not allowed in the claim’s state (e.g. it was withdrawn); ' +
  '`version_conflict`';
