import {
  type Claim,
  type ClaimEvent,
  claimStatus,
  type ClaimStatus,
  evolveClaim,
} from '@marginalia/domain';
import type { ArticleCounts } from './article-row';
import { actorOf, type LogEvent } from './log-event';

export type VerdictStep =
  'drafted' | 'submitted' | 'approved' | 'rejected' | 'published' | 'retracted';

/** One step of a claim's verdicts, for the desk and the auditors. */
export interface VerdictHistoryEntry {
  verdictVersion: number;
  step: VerdictStep;
  by: string;
  at: string;
  position: number;
  rating?: string;
  reason?: string;
}

/** A claim as lists, queues and its resource show it: the domain's state plus what readers ask. */
export interface ClaimRow {
  id: string;
  articleId: string;
  status: ClaimStatus;
  claim: Claim;
  capturedBy: string;
  capturedAt: string;
  /** When the standing published verdict was published. */
  publishedAt: string | null;
  verdictHistory: VerdictHistoryEntry[];
  version: number;
  position: number;
  /** Global position of its capture: lists are ordered by it. */
  createdPosition: number;
  updatedAt: string;
}

const STEPS: Partial<Record<ClaimEvent['type'], VerdictStep>> = {
  VerdictDrafted: 'drafted',
  VerdictSubmitted: 'submitted',
  VerdictApproved: 'approved',
  VerdictRejected: 'rejected',
  VerdictPublished: 'published',
  VerdictRetracted: 'retracted',
};

/** Built field by field, never `{ ...row, field }`: V8 copies a spread row slowly. */
export function evolveClaimRow(
  row: ClaimRow | undefined,
  event: ClaimEvent,
  log: LogEvent,
): ClaimRow | undefined {
  const claim = evolveClaim(row?.claim ?? null, event);
  if (!claim) return row;
  const step = STEPS[event.type];
  const history = row?.verdictHistory ?? [];
  return {
    id: row ? row.id : claim.claimId,
    articleId: row ? row.articleId : claim.articleId,
    status: claimStatus(claim),
    claim,
    capturedBy: row ? row.capturedBy : actorOf(log).sub,
    capturedAt: row ? row.capturedAt : log.recordedAt,
    publishedAt: !claim.published
      ? null
      : event.type === 'VerdictPublished'
        ? log.recordedAt
        : (row?.publishedAt ?? null),
    verdictHistory: step ? [...history, historyStep(step, event, log)] : history,
    createdPosition: row ? row.createdPosition : log.position,
    version: log.revision,
    position: log.position,
    updatedAt: log.recordedAt,
  };
}

function historyStep(step: VerdictStep, event: ClaimEvent, log: LogEvent): VerdictHistoryEntry {
  const data = event.data as { verdictVersion: number; rating?: string; reason?: string };
  const entry: VerdictHistoryEntry = {
    verdictVersion: data.verdictVersion,
    step,
    by: actorOf(log).sub,
    at: log.recordedAt,
    position: log.position,
  };
  if (data.rating !== undefined) entry.rating = data.rating;
  if (data.reason !== undefined) entry.reason = data.reason;
  return entry;
}

/** What one claim adds to its article's counts (SPEC §8 "Article list counts"). */
export function claimCounts(row: ClaimRow | undefined): ArticleCounts {
  if (!row) return { openClaims: 0, publishedVerdicts: 0, corrections: 0 };
  const published = row.claim.published !== null;
  return {
    openClaims: !row.claim.withdrawn && !published ? 1 : 0,
    publishedVerdicts: published ? 1 : 0,
    corrections: 0,
  };
}
