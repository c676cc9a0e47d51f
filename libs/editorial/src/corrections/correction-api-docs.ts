import { etagHeader } from '@marginalia/http';

/** What the correction routes share in their OpenAPI documentation. */
export const ETAG_HEADER = etagHeader('correction');

export const TRANSITION = [
  409,
  '`invalid_transition`: the workflow does not allow it from this state',
] as [number, string];
