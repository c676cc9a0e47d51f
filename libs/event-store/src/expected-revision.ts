import { InvalidAppendError, WrongExpectedRevisionError } from './errors';
import type { ExpectedRevision } from './event-store.port';

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(`Expected revision ${String(expected)} is not valid`);
}

/** Throws WrongExpectedRevisionError unless the stream's last revision meets the expectation. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  actual: number | undefined,
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual ?? 'no_stream');
}
