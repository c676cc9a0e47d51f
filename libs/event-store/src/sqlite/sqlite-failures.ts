import { EventStoreUnavailableError } from '../errors';

/*
 * Errors from better-sqlite3 are checked by shape, not `instanceof`: its native addon keeps the
 * SqliteError class of the first JavaScript realm that loaded it (a jest sandbox, a worker), so
 * in another realm its errors are not instances of that realm's Error.
 */

export function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column)
  );
}

/** Another connection holds the lock this one waited for. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** What a caller of the store is told of a failure: a lock held too long is an outage. */
export function storeFailure(error: unknown): Error {
  if (isBusy(error)) {
    return new EventStoreUnavailableError('The event log is locked by another writer', {
      cause: error,
    });
  }
  return asError(error);
}

export function asError(error: unknown): Error {
  const looksLikeError =
    typeof error === 'object' && error !== null && typeof (error as Error).message === 'string';
  return looksLikeError ? (error as Error) : new Error(String(error));
}
