import type { Anchor } from '../shared/anchor';
import { anchorAfter } from '../shared/annotation-events';
import { unreachable } from '../shared/decider';
import type { ClaimEvent, VerdictSource } from './claim.events';

export interface VerdictDraft {
  version: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  /** Everyone who wrote this version: none of them may approve it. */
  drafters: string[];
  submitted: boolean;
  rejection: { reason: string; by: string } | null;
}

export interface PublishedVerdict {
  version: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
}

export interface Claim {
  claimId: string;
  articleId: string;
  anchor: Anchor;
  /** The newest revision the claim was anchored in or looked for in. */
  followsRevision: number;
  statement: string;
  claimant: string | null;
  topics: string[];
  assignee: string | null;
  withdrawn: boolean;
  draft: VerdictDraft | null;
  published: PublishedVerdict | null;
  lastVersion: number;
}

export type ClaimState = Claim | null;

export type ClaimStatus = 'open' | 'assigned' | 'in_review' | 'published' | 'withdrawn';

/** SPEC §8: the first match wins. */
export function claimStatus(claim: Claim): ClaimStatus {
  if (claim.withdrawn) return 'withdrawn';
  if (claim.draft?.submitted) return 'in_review';
  if (claim.published) return 'published';
  if (claim.assignee !== null) return 'assigned';
  return 'open';
}

export const initialClaimState = (): ClaimState => null;

export function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'ClaimCaptured') {
    const { data } = event;
    return {
      claimId: data.claimId,
      articleId: data.articleId,
      anchor: data.anchor,
      followsRevision: data.anchor.revision,
      statement: data.statement,
      claimant: data.claimant,
      topics: data.topics,
      assignee: null,
      withdrawn: false,
      draft: null,
      published: null,
      lastVersion: 0,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ClaimEdited': {
      const { claimId: _id, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'ClaimAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'ClaimWithdrawn':
      return { ...state, withdrawn: true };
    case 'AnnotationReanchored':
    case 'AnnotationOrphaned':
      return { ...state, ...anchorAfter(event) };
    case 'VerdictDrafted': {
      const { data } = event;
      const sameVersion = state.draft?.version === data.verdictVersion;
      const drafters = sameVersion ? state.draft!.drafters : [];
      return {
        ...state,
        lastVersion: Math.max(state.lastVersion, data.verdictVersion),
        draft: {
          version: data.verdictVersion,
          rating: data.rating,
          summary: data.summary,
          rationale: data.rationale,
          sources: data.sources,
          drafters: drafters.includes(data.draftedBy) ? drafters : [...drafters, data.draftedBy],
          submitted: false,
          rejection: null,
        },
      };
    }
    case 'VerdictSubmitted':
      return state.draft ? { ...state, draft: { ...state.draft, submitted: true } } : state;
    case 'VerdictApproved':
      return state;
    case 'VerdictRejected': {
      const { reason, rejectedBy } = event.data;
      return state.draft
        ? {
            ...state,
            draft: { ...state.draft, submitted: false, rejection: { reason, by: rejectedBy } },
          }
        : state;
    }
    case 'VerdictPublished': {
      const { verdictVersion, rating, summary, rationale, sources } = event.data;
      return {
        ...state,
        draft: null,
        published: { version: verdictVersion, rating, summary, rationale, sources },
      };
    }
    case 'VerdictRetracted':
      return { ...state, published: null };
    default:
      return unreachable(event);
  }
}
