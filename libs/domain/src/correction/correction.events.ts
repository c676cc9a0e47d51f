import type { CorrectionKind } from '../article/article.events';
import type { Anchor } from '../shared/anchor';
import type { AnnotationEvent } from '../shared/annotation-events';

export type { CorrectionKind };

export const CORRECTION_KINDS: readonly CorrectionKind[] = [
  'correction',
  'clarification',
  'update',
  'editors_note',
];

export interface CorrectionProposed {
  correctionId: string;
  articleId: string;
  /** Null only for an editor's note about the whole article. */
  anchor: Anchor | null;
  kind: CorrectionKind;
  /** The span's new text ('' deletes it); null adds only the notice. */
  replacement: string | null;
  notice: string;
  claimId: string | null;
  proposedBy: string;
}

/** Only the fields that changed; a new span is recorded as AnnotationReanchored (manual). */
export interface CorrectionAmended {
  correctionId: string;
  replacement?: string | null;
  notice?: string;
  amendedBy: string;
}

export interface CorrectionApproved {
  correctionId: string;
  approvedBy: string;
}

export interface CorrectionRejected {
  correctionId: string;
  reason: string;
  rejectedBy: string;
}

export interface CorrectionPublished {
  correctionId: string;
  articleId: string;
  /** The revision it produced, or the current one for a notice without a replacement. */
  revision: number;
  kind: CorrectionKind;
  notice: string;
  /** In `revision`, covering the replacement; null when it deleted its span or had none. */
  anchor: Anchor | null;
}

export interface CorrectionWithdrawn {
  correctionId: string;
  reason: string;
}

export type CorrectionEvent =
  | { type: 'CorrectionProposed'; data: CorrectionProposed }
  | { type: 'CorrectionAmended'; data: CorrectionAmended }
  | { type: 'CorrectionApproved'; data: CorrectionApproved }
  | { type: 'CorrectionRejected'; data: CorrectionRejected }
  | { type: 'CorrectionPublished'; data: CorrectionPublished }
  | { type: 'CorrectionWithdrawn'; data: CorrectionWithdrawn }
  | AnnotationEvent;
