import type { ExpectedRevision } from './event-store.port';

/** Base of every error the store raises on purpose; `code` is stable and machine-readable. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `no_stream`. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} was expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A batch that cannot be stored as given: nothing of it was written. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid_append';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * An event id that is already stored, but not as a retry of the same append: in another
 * stream, or only part of the batch. Nothing of the batch was written.
 */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`Event ${eventId} ${detail}`);
    this.name = 'DuplicateEventIdError';
  }
}

export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'event_store_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
