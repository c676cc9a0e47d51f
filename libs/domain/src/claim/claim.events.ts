import type { Anchor } from '../shared/anchor';
import type { AnnotationEvent } from '../shared/annotation-events';

export interface VerdictSource {
  url: string;
  title: string;
  quote?: string;
  /** ISO 8601 date or date-time. */
  accessedAt: string;
}

export interface ClaimCaptured {
  claimId: string;
  articleId: string;
  anchor: Anchor;
  statement: string;
  claimant: string | null;
  topics: string[];
}

/** Only the fields that changed. */
export interface ClaimEdited {
  claimId: string;
  statement?: string;
  claimant?: string | null;
  topics?: string[];
}

export interface ClaimAssigned {
  claimId: string;
  assignee: string;
}

export interface ClaimWithdrawn {
  claimId: string;
  reason: string;
}

export interface VerdictDrafted {
  claimId: string;
  verdictVersion: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  draftedBy: string;
}

export interface VerdictSubmitted {
  claimId: string;
  verdictVersion: number;
  submittedBy: string;
}

export interface VerdictApproved {
  claimId: string;
  verdictVersion: number;
  approvedBy: string;
}

export interface VerdictRejected {
  claimId: string;
  verdictVersion: number;
  reason: string;
  rejectedBy: string;
}

/** What was published, in full, so the record answers "what did we say" on its own. */
export interface VerdictPublished {
  claimId: string;
  verdictVersion: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  /** The version this one replaces, if a verdict was already published. */
  supersedes: number | null;
}

export interface VerdictRetracted {
  claimId: string;
  verdictVersion: number;
  reason: string;
  retractedBy: string;
}

export type ClaimEvent =
  | { type: 'ClaimCaptured'; data: ClaimCaptured }
  | { type: 'ClaimEdited'; data: ClaimEdited }
  | { type: 'ClaimAssigned'; data: ClaimAssigned }
  | { type: 'ClaimWithdrawn'; data: ClaimWithdrawn }
  | { type: 'VerdictDrafted'; data: VerdictDrafted }
  | { type: 'VerdictSubmitted'; data: VerdictSubmitted }
  | { type: 'VerdictApproved'; data: VerdictApproved }
  | { type: 'VerdictRejected'; data: VerdictRejected }
  | { type: 'VerdictPublished'; data: VerdictPublished }
  | { type: 'VerdictRetracted'; data: VerdictRetracted }
  | AnnotationEvent;
