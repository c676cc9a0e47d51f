import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import type { ReanchorAnnotation, ReanchorOutcome } from '../shared/reanchoring';
import type { VerdictSource } from './claim.events';

export interface CaptureClaim {
  type: 'CaptureClaim';
  claimId: string;
  articleId: string;
  /** Resolved from the client's selector in the revision it named. */
  anchor: Anchor;
  statement: string | null;
  claimant: string | null;
  topics: string[];
  /** When captured on an older revision: where it stands in the current one. */
  followedTo: ReanchorOutcome | null;
  actor: Actor;
}

export interface EditClaim {
  type: 'EditClaim';
  claimId: string;
  statement?: string;
  claimant?: string | null;
  topics?: string[];
  actor: Actor;
}

/** PATCH with a selector and a revision: an editor puts the claim back on its passage. */
export interface ReanchorClaim {
  type: 'ReanchorClaim';
  claimId: string;
  anchor: Anchor;
  actor: Actor;
}

export interface AssignClaim {
  type: 'AssignClaim';
  claimId: string;
  assignee: string;
  actor: Actor;
}

export interface WithdrawClaim {
  type: 'WithdrawClaim';
  claimId: string;
  reason: string;
  actor: Actor;
}

export interface DraftVerdict {
  type: 'DraftVerdict';
  claimId: string;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  actor: Actor;
}

export interface SubmitVerdict {
  type: 'SubmitVerdict';
  claimId: string;
  actor: Actor;
}

export interface ApproveVerdict {
  type: 'ApproveVerdict';
  claimId: string;
  actor: Actor;
}

export interface RejectVerdict {
  type: 'RejectVerdict';
  claimId: string;
  reason: string;
  actor: Actor;
}

export interface RetractVerdict {
  type: 'RetractVerdict';
  claimId: string;
  reason: string;
  actor: Actor;
}

export type ClaimCommand =
  | CaptureClaim
  | EditClaim
  | ReanchorClaim
  | AssignClaim
  | WithdrawClaim
  | DraftVerdict
  | SubmitVerdict
  | ApproveVerdict
  | RejectVerdict
  | RetractVerdict
  | ReanchorAnnotation;
