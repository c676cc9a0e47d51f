import { refuse, type Step } from './race-state-machines';

/** SPEC §5 and §8 for claims, as a state machine (race-state-machines.ts says how it is read). */
export interface ClaimModel {
  withdrawn: boolean;
  assignee: string | null;
  statement: string;
  draft: {
    version: number;
    rating: string;
    summary: string;
    sources: number;
    drafters: string[];
    submitted: boolean;
  } | null;
  published: { version: number; rating: string; summary: string } | null;
  /** The highest verdict version drafted so far; a new draft is the next (SPEC §5: n+1). */
  highest: number;
  /** VerdictApproved was stored; its VerdictPublished must follow at once (SPEC §6). */
  approved: number | null;
}

export type ClaimStatus = 'open' | 'assigned' | 'in_review' | 'published' | 'withdrawn';

/** SPEC §8: the first match wins. */
export function claimStatus(claim: ClaimModel): ClaimStatus {
  if (claim.withdrawn) return 'withdrawn';
  if (claim.draft?.submitted) return 'in_review';
  if (claim.published) return 'published';
  return claim.assignee !== null ? 'assigned' : 'open';
}

/**
 * SPEC §5: open → assigned → in_review → published; a rejected submission goes back to its
 * draft (assigned, or published while an earlier verdict stands, or open with no assignee);
 * a published claim's new version n+1 goes into review; a retraction returns it to assigned
 * (open with no assignee); withdrawn from any state but published, and nothing after it.
 */
export const CLAIM_ARROWS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  open: ['assigned', 'withdrawn'],
  assigned: ['in_review', 'withdrawn'],
  in_review: ['published', 'assigned', 'open', 'withdrawn'],
  published: ['in_review', 'assigned', 'open'],
  withdrawn: [],
};

export const claimStep: Step<ClaimModel> = (claim, event) => {
  const data = event.data as Record<string, unknown>;
  const sub = (event.metadata.actor as { sub: string }).sub;
  if (event.type === 'ClaimCaptured') {
    if (claim) refuse('captured twice');
    return {
      withdrawn: false,
      assignee: null,
      statement: String(data.statement),
      draft: null,
      published: null,
      highest: 0,
      approved: null,
    };
  }
  if (!claim) return refuse(`${event.type} before ClaimCaptured`);
  if (claim.withdrawn) refuse(`${event.type} after ClaimWithdrawn`);
  if (claim.approved !== null && event.type !== 'VerdictPublished') {
    refuse(`${event.type} between VerdictApproved and its VerdictPublished`);
  }
  const version = data.verdictVersion;
  switch (event.type) {
    case 'ClaimEdited':
      return typeof data.statement === 'string' ? { ...claim, statement: data.statement } : claim;
    case 'ClaimAssigned':
      return { ...claim, assignee: String(data.assignee) };
    case 'ClaimWithdrawn':
      if (claimStatus(claim) === 'published') refuse('withdrew a published claim');
      return { ...claim, withdrawn: true };
    case 'AnnotationReanchored':
    case 'AnnotationOrphaned':
      return claim;
    case 'VerdictDrafted': {
      if (claim.draft?.submitted) refuse('drafted over a verdict under review');
      const next = claim.draft ? claim.draft.version : claim.highest + 1;
      if (version !== next) refuse(`drafted version ${String(version)}, not ${next}`);
      const drafters = claim.draft ? claim.draft.drafters : [];
      return {
        ...claim,
        highest: Math.max(claim.highest, next),
        draft: {
          version: next,
          rating: String(data.rating),
          summary: String(data.summary),
          sources: (data.sources as unknown[]).length,
          drafters: drafters.includes(sub) ? drafters : [...drafters, sub],
          submitted: false,
        },
      };
    }
    case 'VerdictSubmitted':
      if (!claim.draft || claim.draft.submitted) refuse('submitted without a draft to submit');
      if (version !== claim.draft!.version) refuse(`submitted version ${String(version)}`);
      if (claim.draft!.sources === 0) refuse('submitted a verdict without a source');
      return { ...claim, draft: { ...claim.draft!, submitted: true } };
    case 'VerdictApproved':
      if (!claim.draft?.submitted) refuse('approved a verdict that was not submitted');
      if (version !== claim.draft!.version) refuse(`approved version ${String(version)}`);
      if (claim.draft!.drafters.includes(sub)) refuse(`${sub} approved a verdict they drafted`);
      return { ...claim, approved: claim.draft!.version };
    case 'VerdictPublished': {
      if (claim.approved === null || version !== claim.approved) {
        refuse(`published version ${String(version)} without its approval`);
      }
      if (data.supersedes !== (claim.published?.version ?? null)) {
        refuse(`published superseding ${String(data.supersedes)}`);
      }
      if (data.rating !== claim.draft!.rating || data.summary !== claim.draft!.summary) {
        refuse('published something else than the approved draft');
      }
      const { rating, summary } = claim.draft!;
      return {
        ...claim,
        approved: null,
        draft: null,
        published: { version: claim.approved!, rating, summary },
      };
    }
    case 'VerdictRejected':
      if (!claim.draft?.submitted) refuse('rejected a verdict that was not submitted');
      if (version !== claim.draft!.version) refuse(`rejected version ${String(version)}`);
      return { ...claim, draft: { ...claim.draft!, submitted: false } };
    case 'VerdictRetracted':
      if (!claim.published) refuse('retracted without a published verdict');
      if (version !== claim.published!.version) refuse(`retracted version ${String(version)}`);
      return { ...claim, published: null };
    default:
      return refuse(`unknown claim event ${event.type}`);
  }
};

export function claimView(claim: ClaimModel, version: number): Record<string, unknown> {
  return {
    status: claimStatus(claim),
    assignee: claim.assignee,
    statement: claim.statement,
    draft: claim.draft && {
      version: claim.draft.version,
      rating: claim.draft.rating,
      summary: claim.draft.summary,
      submitted: claim.draft.submitted,
      drafters: claim.draft.drafters,
    },
    published: claim.published,
    version,
  };
}

export function claimViewOf(body: Record<string, unknown>): Record<string, unknown> {
  const draft = body.draft as Record<string, unknown> | null;
  const published = body.publishedVerdict as Record<string, unknown> | null;
  return {
    status: body.status,
    assignee: body.assignee,
    statement: body.statement,
    draft: draft && {
      version: draft.version,
      rating: draft.rating,
      summary: draft.summary,
      submitted: draft.submitted,
      drafters: draft.drafters,
    },
    published: published && {
      version: published.version,
      rating: published.rating,
      summary: published.summary,
    },
    version: body.version,
  };
}
