import type { ArticleSource, ArticleEvent } from '@marginalia/domain';
import type { CaptureFormat } from '@marginalia/text';
import type { LogEvent } from './log-event';

/** An article as lists and its resource show it (SPEC §6), with the desk's counts. */
export interface ArticleRow {
  id: string;
  title: string;
  language: string;
  format: CaptureFormat;
  source: ArticleSource;
  externalId: string | null;
  publishedAt: string | null;
  status: 'active' | 'withdrawn';
  revision: number;
  textSha256: string;
  metadata: Record<string, unknown>;
  /** Stream revision of the article: its `version` and `ETag`. */
  version: number;
  /** Global position of the article's own last event. */
  position: number;
  /** Global position of its import: lists are ordered by it. */
  createdPosition: number;
  importedAt: string;
  updatedAt: string;
  /** Claims neither withdrawn nor with a published verdict. */
  openClaims: number;
  publishedVerdicts: number;
  /** Published corrections. */
  corrections: number;
}

export interface ArticleCounts {
  openClaims: number;
  publishedVerdicts: number;
  corrections: number;
}

export const NO_COUNTS: ArticleCounts = { openClaims: 0, publishedVerdicts: 0, corrections: 0 };

/*
 * Rows are built field by field, never `{ ...row, field }`: V8 copies a spread object of this
 * size slowly, and a rebuild or a replay makes one row per event.
 */

export function evolveArticleRow(
  row: ArticleRow | undefined,
  event: ArticleEvent,
  log: LogEvent,
): ArticleRow | undefined {
  switch (event.type) {
    case 'ArticleImported': {
      const { data } = event;
      return {
        id: data.articleId,
        title: data.title,
        language: data.language,
        format: data.format,
        source: data.source,
        externalId: data.externalId,
        publishedAt: data.source.publishedAt,
        status: 'active',
        revision: data.revision,
        textSha256: data.textSha256,
        metadata: data.metadata,
        importedAt: log.recordedAt,
        createdPosition: log.position,
        openClaims: 0,
        publishedVerdicts: 0,
        corrections: 0,
        version: log.revision,
        position: log.position,
        updatedAt: log.recordedAt,
      };
    }
    case 'ArticleRevised':
      return (
        row &&
        nextArticle(row, row, log, {
          revision: event.data.revision,
          textSha256: event.data.textSha256,
          format: event.data.format ?? row.format,
          status: row.status,
        })
      );
    case 'ArticleWithdrawn':
      return (
        row &&
        nextArticle(row, row, log, {
          revision: row.revision,
          textSha256: row.textSha256,
          format: row.format,
          status: 'withdrawn',
        })
      );
  }
}

/** Adds the change of one annotation's contribution to its article's counts. */
export function withCounts(
  row: ArticleRow,
  before: ArticleCounts,
  after: ArticleCounts,
): ArticleRow {
  return nextArticle(
    row,
    {
      openClaims: row.openClaims + after.openClaims - before.openClaims,
      publishedVerdicts: row.publishedVerdicts + after.publishedVerdicts - before.publishedVerdicts,
      corrections: row.corrections + after.corrections - before.corrections,
    },
    { revision: row.version, position: row.position, recordedAt: row.updatedAt },
    row,
  );
}

type Current = Pick<ArticleRow, 'revision' | 'textSha256' | 'format' | 'status'>;

/** The row with new counts, stamp and current revision; everything else kept. */
function nextArticle(
  row: ArticleRow,
  counts: ArticleCounts,
  stamp: Pick<LogEvent, 'revision' | 'position' | 'recordedAt'>,
  now: Current,
): ArticleRow {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    format: now.format,
    source: row.source,
    externalId: row.externalId,
    publishedAt: row.publishedAt,
    status: now.status,
    revision: now.revision,
    textSha256: now.textSha256,
    metadata: row.metadata,
    importedAt: row.importedAt,
    createdPosition: row.createdPosition,
    openClaims: counts.openClaims,
    publishedVerdicts: counts.publishedVerdicts,
    corrections: counts.corrections,
    version: stamp.revision,
    position: stamp.position,
    updatedAt: stamp.recordedAt,
  };
}
