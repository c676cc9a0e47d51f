import { type Correction, type CorrectionEvent, evolveCorrection } from '@marginalia/domain';
import type { ArticleCounts } from './article-row';
import { actorOf, type LogEvent } from './log-event';

/** A correction as lists and its resource show it. */
export interface CorrectionRow {
  id: string;
  articleId: string;
  status: Correction['status'];
  correction: Correction;
  proposedBy: string;
  proposedAt: string;
  publishedAt: string | null;
  version: number;
  position: number;
  /** Global position of its proposal: lists are ordered by it. */
  createdPosition: number;
  updatedAt: string;
}

/** Built field by field, never `{ ...row, field }`: V8 copies a spread row slowly. */
export function evolveCorrectionRow(
  row: CorrectionRow | undefined,
  event: CorrectionEvent,
  log: LogEvent,
): CorrectionRow | undefined {
  const correction = evolveCorrection(row?.correction ?? null, event);
  if (!correction) return row;
  return {
    id: row ? row.id : correction.correctionId,
    articleId: row ? row.articleId : correction.articleId,
    status: correction.status,
    correction,
    proposedBy: row ? row.proposedBy : actorOf(log).sub,
    proposedAt: row ? row.proposedAt : log.recordedAt,
    publishedAt: event.type === 'CorrectionPublished' ? log.recordedAt : (row?.publishedAt ?? null),
    createdPosition: row ? row.createdPosition : log.position,
    version: log.revision,
    position: log.position,
    updatedAt: log.recordedAt,
  };
}

export function correctionCounts(row: CorrectionRow | undefined): ArticleCounts {
  return { openClaims: 0, publishedVerdicts: 0, corrections: row?.status === 'published' ? 1 : 0 };
}
