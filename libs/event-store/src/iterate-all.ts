import type { EventStore, StoredEvent } from './event-store.port';

/** Reads the log from `after` to its current head, page by page. */
export async function* iterateAll(
  store: Pick<EventStore, 'readAll'>,
  options: { after?: number; pageSize?: number; until?: number } = {},
): AsyncGenerator<StoredEvent> {
  const pageSize = options.pageSize ?? 1000;
  let after = options.after ?? 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    for (const event of page) {
      if (options.until !== undefined && event.position > options.until) return;
      yield event;
      after = event.position;
    }
    if (page.length < pageSize) return;
  }
}
