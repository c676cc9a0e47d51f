import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { type HistoryEntry, historyCsv, historyJsonLines } from '@marginalia/projections';
import { type HistoryFilter, type ReadModelQueries } from '@marginalia/read-models';

const PAGE = 500;
const CHUNK = 64 * 1024;

export const EXPORTS = {
  jsonl: { type: 'application/x-ndjson', extension: 'jsonl', lines: historyJsonLines },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv', lines: historyCsv },
} as const;

/**
 * Every matching entry up to `until` (the read models' position when the export began), read
 * page by page, so that no SQLite statement stays open while the client reads slowly, and
 * written in chunks of about 64 KiB with the stream's backpressure.
 */
export function historyExport(
  queries: ReadModelQueries,
  filter: HistoryFilter,
  options: { until: number; format: keyof typeof EXPORTS; name: string },
): StreamableFile {
  // The first page is read now, so that a refused filter is an answer, not a broken stream.
  const first = queries.history(filter, { limit: PAGE });
  function* entries(): Generator<HistoryEntry> {
    let page = first;
    for (;;) {
      for (const entry of page.items) {
        if (entry.position > options.until) return;
        yield entry;
      }
      if (page.nextCursor === null) return;
      page = queries.history(filter, { limit: PAGE, cursor: page.nextCursor });
    }
  }
  const { type, extension, lines } = EXPORTS[options.format];
  return new StreamableFile(Readable.from(chunked(lines(entries()))), {
    type,
    ...(options.format === 'csv'
      ? { disposition: `attachment; filename="${options.name}.${extension}"` }
      : {}),
  });
}

function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
