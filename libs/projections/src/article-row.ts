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

export function evolveArticleRow(
  row: ArticleRow | undefined,
  event: ArticleEvent,
  log: LogEvent,
): ArticleRow | undefined {
  const stamp = { version: log.revision, position: log.position, updatedAt: log.recordedAt };
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
        ...NO_COUNTS,
        ...stamp,
      };
    }
    case 'ArticleRevised':
      return (
        row && {
          ...row,
          revision: event.data.revision,
          textSha256: event.data.textSha256,
          format: event.data.format ?? row.format,
          ...stamp,
        }
      );
    case 'ArticleWithdrawn':
      return row && { ...row, status: 'withdrawn', ...stamp };
  }
}

/** Adds the change of one annotation's contribution to its article's counts. */
export function withCounts(
  row: ArticleRow,
  before: ArticleCounts,
  after: ArticleCounts,
): ArticleRow {
  return {
    ...row,
    openClaims: row.openClaims + after.openClaims - before.openClaims,
    publishedVerdicts: row.publishedVerdicts + after.publishedVerdicts - before.publishedVerdicts,
    corrections: row.corrections + after.corrections - before.corrections,
  };
}
