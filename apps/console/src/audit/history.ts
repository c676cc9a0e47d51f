/** An article's audit history as `GET /v1/articles/{id}/history` answers it (SPEC §6, §8). */
import { getJson, type Page, path, query, request } from '../api';
import { locale } from '../i18n';

export interface HistoryEntry {
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  articleId: string;
  annotationId: string | null;
  actor: { sub: string; name?: string; roles: string[] };
  reason: string | null;
  correlationId: string | null;
  causationId: string | null;
  data: Record<string, unknown>;
}

export interface HistoryFilter {
  type?: string;
  actor?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
}

export function historyPage(
  articleId: string,
  filter: HistoryFilter,
  page: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  return getJson(path.articleHistory(articleId) + query({ ...filter, ...page }), { signal });
}

/** Every entry of the history (for the time slider's stops), page by page. */
export async function wholeHistory(
  articleId: string,
  signal?: AbortSignal,
): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await historyPage(articleId, {}, { cursor, limit: 500 }, signal);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

/**
 * Saves the filtered history as a file. The export needs the token in a header, so it is
 * fetched here and handed to the browser as a Blob download, never as a link with a token in it.
 */
export async function downloadHistory(
  articleId: string,
  filter: HistoryFilter,
  format: 'csv' | 'jsonl',
): Promise<void> {
  const accept = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const response = await request(
    'GET',
    path.articleHistory(articleId) + query({ ...filter, format }),
    undefined,
    { accept },
  );
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `article-${articleId}-history.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Where an event belongs: the article itself, or one of its claims or corrections. */
export function streamOf(entry: HistoryEntry): {
  kind: 'article' | 'claim' | 'correction' | 'other';
  id: string;
} {
  const dash = entry.streamId.indexOf('-');
  const category = entry.streamId.slice(0, dash);
  const id = entry.streamId.slice(dash + 1);
  if (category === 'article' || category === 'claim' || category === 'correction') {
    return { kind: category, id };
  }
  return { kind: 'other', id: entry.streamId };
}

/** A datetime-local value (the browser's time zone) as an ISO instant, or undefined. */
export function isoOfLocal(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A recorded time to the second, as an auditor compares events, in the console's language. */
export function formatMoment(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale() === 'zh-Hans' ? 'zh-Hans-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}
