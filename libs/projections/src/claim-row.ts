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

export function evolveClaimRow(
  row: ClaimRow | undefined,
  event: ClaimEvent,
  log: LogEvent,
): ClaimRow | undefined {
  const claim = evolveClaim(row?.claim ?? null, event);
  if (!claim) return row;
  const stamp = { version: log.revision, position: log.position, updatedAt: log.recordedAt };
  const base: ClaimRow = row ?? {
    id: claim.claimId,
    articleId: claim.articleId,
    status: 'open',
    claim,
    capturedBy: actorOf(log).sub,
    capturedAt: log.recordedAt,
    publishedAt: null,
    verdictHistory: [],
    createdPosition: log.position,
    ...stamp,
  };
  const step = STEPS[event.type];
  const verdictHistory = step
    ? [...base.verdictHistory, historyStep(step, event, log)]
    : base.verdictHistory;
  return {
    ...base,
    claim,
    status: claimStatus(claim),
    publishedAt: !claim.published
      ? null
      : event.type === 'VerdictPublished'
        ? log.recordedAt
        : base.publishedAt,
    verdictHistory,
    ...stamp,
  };
}

function historyStep(step: VerdictStep, event: ClaimEvent, log: LogEvent): VerdictHistoryEntry {
  const data = event.data as { verdictVersion: number; rating?: string; reason?: string };
  return {
    verdictVersion: data.verdictVersion,
    step,
    by: actorOf(log).sub,
    at: log.recordedAt,
    position: log.position,
    ...(data.rating !== undefined ? { rating: data.rating } : {}),
    ...(data.reason !== undefined ? { reason: data.reason } : {}),
  };
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
