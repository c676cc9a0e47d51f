import type { AppendResult, ExpectedRevision, StoredEvent } from '../event-store.port';
import { asAppend, type CopyTarget } from '../migration';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * A SQLite log that takes copies from another log. The store stamps `recordedAt` with its
 * clock, never earlier than the last event's; here the clock reads the copied events' own
 * time, so a copy made in the source's order keeps every original time exactly.
 */
export function sqliteCopyTarget(file: string): CopyTarget {
  let copyTime: number | undefined;
  const store = new SqliteEventStore({
    file,
    clock: () => new Date(copyTime ?? Date.now()),
    crossProcessWakeups: false,
  });
  return {
    store,
    async appendCopies(
      streamId: string,
      events: readonly StoredEvent[],
      options: { expectedRevision: ExpectedRevision },
    ): Promise<AppendResult> {
      const times = new Set(events.map((event) => event.recordedAt));
      if (times.size !== 1) {
        throw new RangeError('One append of copies holds events recorded at one instant');
      }
      copyTime = Date.parse(events[0]!.recordedAt);
      try {
        return await store.append(streamId, events.map(asAppend), options);
      } finally {
        copyTime = undefined;
      }
    },
  };
}
