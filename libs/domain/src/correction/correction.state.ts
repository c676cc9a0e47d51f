import type { Anchor } from '../shared/anchor';
import { anchorAfter } from '../shared/annotation-events';
import { unreachable } from '../shared/decider';
import type { CorrectionEvent, CorrectionKind } from './correction.events';

export type CorrectionStatus = 'proposed' | 'approved' | 'published' | 'rejected' | 'withdrawn';

export interface Correction {
  correctionId: string;
  articleId: string;
  anchor: Anchor | null;
  /** The newest revision the correction was anchored in or looked for in. */
  followsRevision: number;
  kind: CorrectionKind;
  replacement: string | null;
  notice: string;
  claimId: string | null;
  status: CorrectionStatus;
  /** The proposer and every amender: none of them may approve it. */
  authors: string[];
  publishedRevision: number | null;
}

export type CorrectionState = Correction | null;

export const initialCorrectionState = (): CorrectionState => null;

export function isClosed(correction: Correction): boolean {
  return correction.status === 'rejected' || correction.status === 'withdrawn';
}

export function evolveCorrection(state: CorrectionState, event: CorrectionEvent): CorrectionState {
  if (event.type === 'CorrectionProposed') {
    const { data } = event;
    return {
      correctionId: data.correctionId,
      articleId: data.articleId,
      anchor: data.anchor,
      followsRevision: data.anchor?.revision ?? 0,
      kind: data.kind,
      replacement: data.replacement,
      notice: data.notice,
      claimId: data.claimId,
      status: 'proposed',
      authors: [data.proposedBy],
      publishedRevision: null,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'CorrectionAmended': {
      const { correctionId: _id, amendedBy, ...changes } = event.data;
      const authors = state.authors.includes(amendedBy)
        ? state.authors
        : [...state.authors, amendedBy];
      return { ...state, ...changes, authors, status: 'proposed' };
    }
    case 'AnnotationReanchored':
    case 'AnnotationOrphaned':
      return { ...state, ...anchorAfter(event) };
    case 'CorrectionApproved':
      return { ...state, status: 'approved' };
    case 'CorrectionRejected':
      return { ...state, status: 'rejected' };
    case 'CorrectionPublished': {
      const { revision, anchor } = event.data;
      return {
        ...state,
        status: 'published',
        publishedRevision: revision,
        anchor,
        followsRevision: Math.max(state.followsRevision, revision),
      };
    }
    case 'CorrectionWithdrawn':
      return { ...state, status: 'withdrawn' };
    default:
      return unreachable(event);
  }
}
