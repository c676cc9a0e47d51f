import { type Decider, unreachable } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { authorize, authorizeSystem, type Action } from '../shared/permissions';
import { manualReanchorEvent, reanchorEvent, targetRevision } from '../shared/reanchoring';
import type { Actor } from '../shared/actor';
import type {
  AmendCorrection,
  ApproveCorrection,
  CorrectionCommand,
  ProposeCorrection,
} from './correction.commands';
import type { CorrectionAmended, CorrectionEvent, CorrectionKind } from './correction.events';
import {
  type Correction,
  type CorrectionState,
  evolveCorrection,
  initialCorrectionState,
  isClosed,
} from './correction.state';

export const correctionDecider: Decider<CorrectionCommand, CorrectionEvent, CorrectionState> = {
  decide: decideCorrection,
  evolve: evolveCorrection,
  initialState: initialCorrectionState,
};

export function decideCorrection(
  command: CorrectionCommand,
  state: CorrectionState,
): CorrectionEvent[] {
  switch (command.type) {
    case 'ProposeCorrection':
      return propose(command, state);
    case 'AmendCorrection':
      return amend(
        command,
        existing(state, command.correctionId, command.actor, 'correction.amend'),
      );
    case 'ApproveCorrection':
      return approve(
        command,
        existing(state, command.correctionId, command.actor, 'correction.approve'),
      );
    case 'RejectCorrection': {
      const correction = existing(state, command.correctionId, command.actor, 'correction.reject');
      expectStatus(correction, ['proposed'], 'rejected');
      const data = { correctionId: correction.correctionId, reason: command.reason };
      return [{ type: 'CorrectionRejected', data: { ...data, rejectedBy: command.actor.sub } }];
    }
    case 'WithdrawCorrection': {
      const correction = existing(
        state,
        command.correctionId,
        command.actor,
        'correction.withdraw',
      );
      expectStatus(correction, ['proposed', 'approved'], 'withdrawn');
      // The system applies an approved replacement to its article before it records the
      // publication here; a withdrawal between the two (from another replica) would leave the
      // article revised by a withdrawn correction. So only what the system will not apply can
      // be withdrawn once approved: a notice without replacement, or an orphaned passage.
      if (
        correction.status === 'approved' &&
        correction.replacement !== null &&
        correction.anchor?.state !== 'orphaned'
      ) {
        refuse(
          'invalid_transition',
          'An approved correction is being applied to its article and can no longer be withdrawn; once it is published, publish a new correction instead',
        );
      }
      const data = { correctionId: correction.correctionId, reason: command.reason };
      return [{ type: 'CorrectionWithdrawn', data }];
    }
    case 'PublishCorrection': {
      authorizeSystem(command.actor, 'publish a correction');
      const correction = state ?? refuse('not_found', `No correction ${command.correctionId}`);
      if (correction.status === 'published') return [];
      expectStatus(correction, ['approved'], 'published');
      const { correctionId, articleId, kind, notice } = correction;
      const { revision, anchor } = command;
      return [
        {
          type: 'CorrectionPublished',
          data: { correctionId, articleId, revision, kind, notice, anchor },
        },
      ];
    }
    case 'ReanchorAnnotation': {
      authorizeSystem(command.actor, 're-anchor annotations');
      const correction = state ?? refuse('not_found', `No correction ${command.annotationId}`);
      const { anchor } = correction;
      if (!anchor || isClosed(correction)) return [];
      if (targetRevision(command.outcome) <= correction.followsRevision) return [];
      return [reanchorEvent(correction.correctionId, anchor, command.outcome)];
    }
    default:
      return unreachable(command);
  }
}

function propose(command: ProposeCorrection, state: CorrectionState): CorrectionEvent[] {
  authorize(command.actor, 'correction.propose');
  if (state) refuse('invalid_transition', `Correction ${command.correctionId} already exists`);
  if (command.claimId !== null && command.claimArticleId !== command.articleId) {
    refuse('validation_failed', `No claim ${command.claimId} on this article`, {
      field: 'claimId',
    });
  }
  checkShape(command.kind, command.anchor !== null, command.replacement, command.notice);
  checkChangesText(command.anchor?.exact, command.replacement);
  const anchor = command.anchor && { ...command.anchor, state: 'anchored' as const };
  const proposed: CorrectionEvent = {
    type: 'CorrectionProposed',
    data: {
      correctionId: command.correctionId,
      articleId: command.articleId,
      anchor,
      kind: command.kind,
      replacement: command.replacement,
      notice: command.notice,
      claimId: command.claimId,
      proposedBy: command.actor.sub,
    },
  };
  return anchor && command.followedTo
    ? [proposed, reanchorEvent(command.correctionId, anchor, command.followedTo)]
    : [proposed];
}

/**
 * A proposal, or an approved correction whose passage was lost before it could be applied, may
 * be amended; the amendment returns it to `proposed`, for a second pair of eyes again.
 */
function amend(command: AmendCorrection, correction: Correction): CorrectionEvent[] {
  const orphanedAfterApproval =
    correction.status === 'approved' && correction.anchor?.state === 'orphaned';
  if (correction.status !== 'proposed' && !orphanedAfterApproval) {
    refuse('invalid_transition', `A correction that is ${correction.status} cannot be amended`);
  }
  const changes: CorrectionAmended = {
    correctionId: correction.correctionId,
    amendedBy: command.actor.sub,
  };
  if (command.replacement !== undefined && command.replacement !== correction.replacement) {
    changes.replacement = command.replacement;
  }
  if (command.notice !== undefined && command.notice !== correction.notice) {
    changes.notice = command.notice;
  }
  const moved = command.anchor !== undefined;
  if (!moved && changes.replacement === undefined && changes.notice === undefined) return [];
  if (moved && command.anchor!.revision < correction.followsRevision) {
    refuse(
      'invalid_transition',
      `The correction already follows revision ${correction.followsRevision}`,
    );
  }
  checkShape(
    correction.kind,
    moved || correction.anchor !== null,
    changes.replacement === undefined ? correction.replacement : changes.replacement,
    changes.notice ?? correction.notice,
  );
  checkChangesText(
    (command.anchor ?? correction.anchor)?.exact,
    changes.replacement === undefined ? correction.replacement : changes.replacement,
  );
  const events: CorrectionEvent[] = [{ type: 'CorrectionAmended', data: changes }];
  if (moved) {
    const from = correction.anchor ?? { ...command.anchor!, state: 'orphaned' as const };
    events.push(manualReanchorEvent(correction.correctionId, from, command.anchor!));
  }
  return events;
}

function approve(command: ApproveCorrection, correction: Correction): CorrectionEvent[] {
  expectStatus(correction, ['proposed'], 'approved');
  if (correction.authors.includes(command.actor.sub)) {
    refuse('self_approval_forbidden', 'Nobody approves a correction they proposed or amended');
  }
  const { anchor } = correction;
  if (anchor?.state === 'orphaned') {
    refuse(
      'correction_orphaned',
      'The correction lost its passage in a later revision; amend it first',
    );
  }
  if (anchor && anchor.revision !== command.articleRevision) {
    refuse(
      'invalid_transition',
      `The correction is still being moved to revision ${command.articleRevision}; try again`,
    );
  }
  return [
    {
      type: 'CorrectionApproved',
      data: { correctionId: correction.correctionId, approvedBy: command.actor.sub },
    },
  ];
}

/** SPEC §5: an editor's note may omit the span and never replaces text; the others need a span. */
function checkShape(
  kind: CorrectionKind,
  hasSpan: boolean,
  replacement: string | null,
  notice: string,
): void {
  if (kind === 'editors_note' && replacement !== null) {
    refuse('validation_failed', "An editor's note adds a notice and replaces no text", {
      field: 'replacement',
    });
  }
  if (kind !== 'editors_note' && !hasSpan) {
    refuse('validation_failed', `A ${kind} needs the span it is about`, { field: 'selector' });
  }
  if (notice.trim() === '')
    refuse('validation_failed', 'The notice cannot be empty', { field: 'notice' });
}

/** A replacement identical to the span's text would publish a revision that changes nothing. */
function checkChangesText(exact: string | undefined, replacement: string | null): void {
  if (exact !== undefined && replacement === exact) {
    refuse('validation_failed', 'The replacement is the text it would replace', {
      field: 'replacement',
    });
  }
}

function existing(
  state: CorrectionState,
  correctionId: string,
  actor: Actor,
  action: Action,
): Correction {
  authorize(actor, action);
  return state ?? refuse('not_found', `No correction ${correctionId}`);
}

function expectStatus(correction: Correction, allowed: Correction['status'][], next: string): void {
  if (!allowed.includes(correction.status)) {
    refuse('invalid_transition', `A correction that is ${correction.status} cannot be ${next}`);
  }
}
