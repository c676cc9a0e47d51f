import { type Actor } from '../shared/actor';
import { type Decider, unreachable } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { type Action, authorize, authorizeSystem, may } from '../shared/permissions';
import {
  manualReanchorEvent,
  reanchorEvent,
  type ReanchorAnnotation,
  targetRevision,
} from '../shared/reanchoring';
import type {
  AssignClaim,
  CaptureClaim,
  ClaimCommand,
  DraftVerdict,
  EditClaim,
  ReanchorClaim,
} from './claim.commands';
import type { ClaimEdited, ClaimEvent } from './claim.events';
import { type Claim, type ClaimState, evolveClaim, initialClaimState } from './claim.state';
import { DEFAULT_RATING_SCALE, type RatingScale } from './rating-scale';
import { checkVerdict } from './verdict-rules';

export function claimDecider(
  scale: RatingScale = DEFAULT_RATING_SCALE,
): Decider<ClaimCommand, ClaimEvent, ClaimState> {
  return {
    decide: (command, state) => decideClaim(command, state, scale),
    evolve: evolveClaim,
    initialState: initialClaimState,
  };
}

export function decideClaim(
  command: ClaimCommand,
  state: ClaimState,
  scale: RatingScale = DEFAULT_RATING_SCALE,
): ClaimEvent[] {
  switch (command.type) {
    case 'CaptureClaim':
      return capture(command, state);
    case 'EditClaim':
      return edit(command, open(state, command.claimId, command.actor, 'claim.edit'));
    case 'ReanchorClaim':
      return reanchorByHand(command, open(state, command.claimId, command.actor, 'claim.edit'));
    case 'AssignClaim':
      return assign(command, open(state, command.claimId, command.actor, 'claim.assign'));
    case 'WithdrawClaim': {
      const claim = open(state, command.claimId, command.actor, 'claim.withdraw');
      if (claim.published) {
        refuse('invalid_transition', 'A claim with a published verdict cannot be withdrawn');
      }
      return [{ type: 'ClaimWithdrawn', data: { claimId: claim.claimId, reason: command.reason } }];
    }
    case 'DraftVerdict':
      return draft(command, open(state, command.claimId, command.actor, 'verdict.draft'), scale);
    case 'SubmitVerdict': {
      const claim = open(state, command.claimId, command.actor, 'verdict.submit');
      const current = claim.draft;
      if (!current || current.submitted) {
        refuse(
          'invalid_transition',
          current ? 'The verdict is already submitted' : 'No draft to submit',
        );
      }
      if (current.sources.length === 0) {
        refuse('verdict_needs_source', 'A submitted verdict needs at least one source', {
          field: 'sources',
        });
      }
      const data = { claimId: claim.claimId, verdictVersion: current.version };
      return [{ type: 'VerdictSubmitted', data: { ...data, submittedBy: command.actor.sub } }];
    }
    case 'ApproveVerdict': {
      const claim = open(state, command.claimId, command.actor, 'verdict.approve');
      const submitted = submittedDraft(claim);
      if (submitted.drafters.includes(command.actor.sub)) {
        refuse('self_approval_forbidden', 'Nobody approves a verdict they drafted');
      }
      const { version, rating, summary, rationale, sources } = submitted;
      return [
        {
          type: 'VerdictApproved',
          data: { claimId: claim.claimId, verdictVersion: version, approvedBy: command.actor.sub },
        },
        {
          type: 'VerdictPublished',
          data: {
            claimId: claim.claimId,
            verdictVersion: version,
            rating,
            summary,
            rationale,
            sources,
            supersedes: claim.published?.version ?? null,
          },
        },
      ];
    }
    case 'RejectVerdict': {
      const claim = open(state, command.claimId, command.actor, 'verdict.reject');
      const { version } = submittedDraft(claim);
      return [
        {
          type: 'VerdictRejected',
          data: {
            claimId: claim.claimId,
            verdictVersion: version,
            reason: command.reason,
            rejectedBy: command.actor.sub,
          },
        },
      ];
    }
    case 'RetractVerdict': {
      const claim = open(state, command.claimId, command.actor, 'verdict.retract');
      if (!claim.published) refuse('invalid_transition', 'No published verdict to retract');
      return [
        {
          type: 'VerdictRetracted',
          data: {
            claimId: claim.claimId,
            verdictVersion: claim.published.version,
            reason: command.reason,
            retractedBy: command.actor.sub,
          },
        },
      ];
    }
    case 'ReanchorAnnotation':
      return follow(command, state);
    default:
      return unreachable(command);
  }
}

function capture(command: CaptureClaim, state: ClaimState): ClaimEvent[] {
  authorize(command.actor, 'claim.capture');
  if (state) refuse('invalid_transition', `Claim ${command.claimId} already exists`);
  if (command.statement !== null && command.statement.trim() === '') {
    refuse('validation_failed', 'The statement cannot be empty', { field: 'statement' });
  }
  const anchor = { ...command.anchor, state: 'anchored' as const };
  const captured: ClaimEvent = {
    type: 'ClaimCaptured',
    data: {
      claimId: command.claimId,
      articleId: command.articleId,
      anchor,
      statement: command.statement ?? anchor.exact,
      claimant: command.claimant,
      topics: command.topics,
    },
  };
  return command.followedTo
    ? [captured, reanchorEvent(command.claimId, anchor, command.followedTo)]
    : [captured];
}

function edit(command: EditClaim, claim: Claim): ClaimEvent[] {
  const changes: ClaimEdited = { claimId: claim.claimId };
  if (command.statement !== undefined && command.statement !== claim.statement) {
    if (command.statement.trim() === '') {
      refuse('validation_failed', 'The statement cannot be empty', { field: 'statement' });
    }
    changes.statement = command.statement;
  }
  if (command.claimant !== undefined && command.claimant !== claim.claimant) {
    changes.claimant = command.claimant;
  }
  if (command.topics !== undefined && !sameList(command.topics, claim.topics)) {
    changes.topics = command.topics;
  }
  return Object.keys(changes).length > 1 ? [{ type: 'ClaimEdited', data: changes }] : [];
}

function reanchorByHand(command: ReanchorClaim, claim: Claim): ClaimEvent[] {
  if (command.anchor.revision < claim.followsRevision) {
    refuse(
      'invalid_transition',
      `Claim ${claim.claimId} already follows revision ${claim.followsRevision}`,
    );
  }
  return [manualReanchorEvent(claim.claimId, claim.anchor, command.anchor)];
}

function assign(command: AssignClaim, claim: Claim): ClaimEvent[] {
  if (!may(command.actor, 'claim.assign_others')) {
    const self = command.actor.sub;
    if (command.assignee !== self || (claim.assignee !== null && claim.assignee !== self)) {
      refuse('forbidden', 'A fact-checker may only assign an unassigned claim to themselves');
    }
  }
  if (command.assignee === claim.assignee) return [];
  return [{ type: 'ClaimAssigned', data: { claimId: claim.claimId, assignee: command.assignee } }];
}

function draft(command: DraftVerdict, claim: Claim, scale: RatingScale): ClaimEvent[] {
  if (claim.draft?.submitted) refuse('invalid_transition', 'The submitted verdict is under review');
  checkVerdict(scale, command);
  return [
    {
      type: 'VerdictDrafted',
      data: {
        claimId: claim.claimId,
        verdictVersion: claim.draft?.version ?? claim.lastVersion + 1,
        rating: command.rating,
        summary: command.summary,
        rationale: command.rationale,
        sources: command.sources,
        draftedBy: command.actor.sub,
      },
    },
  ];
}

function follow(command: ReanchorAnnotation, state: ClaimState): ClaimEvent[] {
  authorizeSystem(command.actor, 're-anchor annotations');
  const claim = state ?? refuse('not_found', `No claim ${command.annotationId}`);
  if (claim.withdrawn || targetRevision(command.outcome) <= claim.followsRevision) return [];
  return [reanchorEvent(claim.claimId, claim.anchor, command.outcome)];
}

/** The claim, checked for the actor's role, its existence, and that it is not withdrawn. */
function open(state: ClaimState, claimId: string, actor: Actor, action: Action): Claim {
  authorize(actor, action);
  const claim = state ?? refuse('not_found', `No claim ${claimId}`);
  if (claim.withdrawn) refuse('invalid_transition', `Claim ${claimId} was withdrawn`);
  return claim;
}

function submittedDraft(claim: Claim) {
  if (!claim.draft?.submitted) refuse('invalid_transition', 'No verdict is submitted for review');
  return claim.draft;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
