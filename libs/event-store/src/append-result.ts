import type { AppendResult, StoredEvent } from './event-store.port';

/** The answer to an append of `events`, all of one stream, in order. */
export function appendResultOf(
  streamId: string,
  events: StoredEvent[],
  alreadyStored: boolean,
): AppendResult {
  const last = events[events.length - 1]!;
  return {
    streamId,
    nextExpectedRevision: last.revision,
    position: last.position,
    events,
    alreadyStored,
  };
}
