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

export function evolveCorrectionRow(
  row: CorrectionRow | undefined,
  event: CorrectionEvent,
  log: LogEvent,
): CorrectionRow | undefined {
  const correction = evolveCorrection(row?.correction ?? null, event);
  if (!correction) return row;
  const stamp = { version: log.revision, position: log.position, updatedAt: log.recordedAt };
  const base: CorrectionRow = row ?? {
    id: correction.correctionId,
    articleId: correction.articleId,
    status: correction.status,
    correction,
    proposedBy: actorOf(log).sub,
    proposedAt: log.recordedAt,
    publishedAt: null,
    createdPosition: log.position,
    ...stamp,
  };
  return {
    ...base,
    correction,
    status: correction.status,
    publishedAt: event.type === 'CorrectionPublished' ? log.recordedAt : base.publishedAt,
    ...stamp,
  };
}

export function correctionCounts(row: CorrectionRow | undefined): ArticleCounts {
  return { openClaims: 0, publishedVerdicts: 0, corrections: row?.status === 'published' ? 1 : 0 };
}
