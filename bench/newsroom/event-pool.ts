import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@marginalia/event-store';
import { readCorpusSources } from './corpus';
import { Newsroom } from './newsroom';
import { EVENTS_FILE, NewsroomLog } from './newsroom-log';

/** A newsroom event without its id, for a log of its own that gives it a new one. */
export type PoolEvent = Omit<EventToAppend, 'eventId'>;

/** What the store adds to the writer's metadata, which a writer may not send. */
const STORED_ONLY = new Set(['eventId', 'schemaVersion', 'hash', 'recordedAt']);

/**
 * The first `count` events of a newsroom without special articles, as the application wrote
 * them (written in a folder of `scratch`, then removed): events with the newsroom's sizes and
 * proportions for the scenarios that measure a bare log.
 */
export async function newsroomEvents(
  seed: number,
  count: number,
  scratch: string,
): Promise<PoolEvent[]> {
  const dir = mkdtempSync(join(scratch, 'newsroom-events-'));
  try {
    const log = new NewsroomLog(dir, new Newsroom({ seed, sources: readCorpusSources() }));
    await log.growTo(count);
    await log.close();
    const store = new SqliteEventStore({ file: join(dir, EVENTS_FILE) });
    try {
      const events = await store.readAll({ maxCount: count });
      return events.map(({ type, schemaVersion, data, metadata }) => ({
        type,
        schemaVersion,
        data,
        metadata: Object.fromEntries(
          Object.entries(metadata).filter(([key]) => !STORED_ONLY.has(key)),
        ),
      }));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
