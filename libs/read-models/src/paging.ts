import { refuse } from '@marginalia/domain';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An opaque cursor: the ordering key of the last item a page returned. */
export function encodeCursor(after: number): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      after: unknown;
    };
    if (typeof after === 'number' && Number.isSafeInteger(after) && after >= 0) return after;
  } catch {
    // refused below
  }
  return refuse('validation_failed', 'The cursor is not one this API returned', {
    field: 'cursor',
  });
}

export function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    refuse('validation_failed', `limit must be a whole number from 1 to ${MAX_LIMIT}`, {
      field: 'limit',
    });
  }
  return limit;
}

/** A page of `limit` items from rows fetched with one extra, to know whether more follow. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
