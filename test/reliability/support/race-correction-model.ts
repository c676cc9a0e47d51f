import { refuse, type Step } from './race-state-machines';

/** SPEC §5 and §8 for corrections, as a state machine (race-state-machines.ts says how it is read). */
export interface CorrectionModel {
  status: CorrectionStatus;
  notice: string;
  /** Who proposed or amended it: none of them may approve it (SPEC §1). */
  authors: string[];
  anchorState: string | null;
  publishedRevision: number | null;
}

export type CorrectionStatus = 'proposed' | 'approved' | 'published' | 'rejected' | 'withdrawn';

/**
 * SPEC §5: proposed → approved → published (by the system), or rejected / withdrawn; an
 * amendment keeps (or, for an approved correction whose span was orphaned, returns) it
 * proposed; withdrawal is open until publication (SPEC §6: "withdraw").
 */
export const CORRECTION_ARROWS: Record<CorrectionStatus, readonly CorrectionStatus[]> = {
  proposed: ['approved', 'rejected', 'withdrawn'],
  approved: ['published', 'withdrawn', 'proposed'],
  published: [],
  rejected: [],
  withdrawn: [],
};

export function correctionStatus(correction: CorrectionModel): CorrectionStatus {
  return correction.status;
}

export const correctionStep: Step<CorrectionModel> = (correction, event) => {
  const data = event.data as Record<string, unknown>;
  const sub = (event.metadata.actor as { sub: string }).sub;
  if (event.type === 'CorrectionProposed') {
    if (correction) refuse('proposed twice');
    const anchor = data.anchor as { state: string } | null;
    return {
      status: 'proposed',
      notice: String(data.notice),
      authors: [String(data.proposedBy)],
      anchorState: anchor?.state ?? null,
      publishedRevision: null,
    };
  }
  if (!correction) return refuse(`${event.type} before CorrectionProposed`);
  const closed = correction.status === 'rejected' || correction.status === 'withdrawn';
  switch (event.type) {
    case 'CorrectionAmended': {
      const orphanedAfterApproval =
        correction.status === 'approved' && correction.anchorState === 'orphaned';
      if (correction.status !== 'proposed' && !orphanedAfterApproval) {
        refuse(`amended a ${correction.status} correction`);
      }
      const by = String(data.amendedBy);
      return {
        ...correction,
        status: 'proposed',
        notice: typeof data.notice === 'string' ? data.notice : correction.notice,
        authors: correction.authors.includes(by) ? correction.authors : [...correction.authors, by],
      };
    }
    case 'CorrectionApproved':
      if (correction.status !== 'proposed') refuse(`approved a ${correction.status} correction`);
      if (correction.authors.includes(sub)) refuse(`${sub} approved a correction they wrote`);
      if (correction.anchorState === 'orphaned') refuse('approved an orphaned correction');
      return { ...correction, status: 'approved' };
    case 'CorrectionRejected':
      if (correction.status !== 'proposed') refuse(`rejected a ${correction.status} correction`);
      return { ...correction, status: 'rejected' };
    case 'CorrectionWithdrawn':
      if (correction.status !== 'proposed' && correction.status !== 'approved') {
        refuse(`withdrew a ${correction.status} correction`);
      }
      return { ...correction, status: 'withdrawn' };
    case 'CorrectionPublished':
      if (correction.status !== 'approved') refuse(`published a ${correction.status} correction`);
      if (sub !== 'system') refuse(`published by ${sub}, not by the system`);
      return { ...correction, status: 'published', publishedRevision: Number(data.revision) };
    case 'AnnotationReanchored':
    case 'AnnotationOrphaned':
      if (closed) refuse(`${event.type} of a ${correction.status} correction`);
      return {
        ...correction,
        anchorState: event.type === 'AnnotationOrphaned' ? 'orphaned' : 'anchored',
      };
    default:
      return refuse(`unknown correction event ${event.type}`);
  }
};

export function correctionView(
  correction: CorrectionModel,
  version: number,
): Record<string, unknown> {
  return {
    status: correction.status,
    notice: correction.notice,
    authors: correction.authors,
    publishedRevision: correction.publishedRevision,
    version,
  };
}

export function correctionViewOf(body: Record<string, unknown>): Record<string, unknown> {
  return {
    status: body.status,
    notice: body.notice,
    authors: body.authors,
    publishedRevision: body.publishedRevision,
    version: body.version,
  };
}
