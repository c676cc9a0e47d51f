import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import type { ReanchorAnnotation, ReanchorOutcome } from '../shared/reanchoring';
import type { CorrectionKind } from './correction.events';

export interface ProposeCorrection {
  type: 'ProposeCorrection';
  correctionId: string;
  articleId: string;
  anchor: Anchor | null;
  kind: CorrectionKind;
  replacement: string | null;
  notice: string;
  claimId: string | null;
  /** The article the named claim is on, as stored; null when no claim is named or found. */
  claimArticleId: string | null;
  /** When proposed on an older revision: where it stands in the current one. */
  followedTo: ReanchorOutcome | null;
  actor: Actor;
}

/** Fields left undefined stay as they are. */
export interface AmendCorrection {
  type: 'AmendCorrection';
  correctionId: string;
  anchor?: Anchor;
  replacement?: string | null;
  notice?: string;
  actor: Actor;
}

export interface ApproveCorrection {
  type: 'ApproveCorrection';
  correctionId: string;
  /** The article's current revision, which the correction must be anchored in. */
  articleRevision: number;
  actor: Actor;
}

export interface RejectCorrection {
  type: 'RejectCorrection';
  correctionId: string;
  reason: string;
  actor: Actor;
}

export interface WithdrawCorrection {
  type: 'WithdrawCorrection';
  correctionId: string;
  reason: string;
  actor: Actor;
}

/** The system records the publication, after applying the replacement if there is one. */
export interface PublishCorrection {
  type: 'PublishCorrection';
  correctionId: string;
  revision: number;
  anchor: Anchor | null;
  actor: Actor;
}

export type CorrectionCommand =
  | ProposeCorrection
  | AmendCorrection
  | ApproveCorrection
  | RejectCorrection
  | WithdrawCorrection
  | PublishCorrection
  | ReanchorAnnotation;
