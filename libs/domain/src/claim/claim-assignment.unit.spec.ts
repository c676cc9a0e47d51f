import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  claimHistory,
  claimWas,
  editor,
  factChecker,
  ids,
  otherFactChecker,
  standardsEditor,
  withRoles,
} from '../testing/fixtures';
import type { AssignClaim, WithdrawClaim } from './claim.commands';
import { claimDecider } from './claim.decide';
import type { ClaimEvent } from './claim.events';

const spec = deciderSpecification(claimDecider());
const claimId = ids.claim;
const { open, assigned, drafted, inReview, published } = claimHistory;

const assign = (assignee: string, actor: Actor): AssignClaim => ({
  type: 'AssignClaim',
  claimId,
  assignee,
  actor,
});

const withdraw = (actor: Actor): WithdrawClaim => ({
  type: 'WithdrawClaim',
  claimId,
  reason: '与另一条核查重复',
  actor,
});

const assignedTo = (assignee: string): ClaimEvent[] => [
  { type: 'ClaimAssigned', data: { claimId, assignee } },
];

describe('assigning a claim', () => {
  it('an editor assigns an open claim to a fact-checker', () => {
    spec.given(open).when(assign(factChecker.sub, editor)).then(assignedTo(factChecker.sub));
  });

  it('an editor reassigns a claim to another fact-checker', () => {
    spec
      .given(assigned)
      .when(assign(otherFactChecker.sub, editor))
      .then(assignedTo(otherFactChecker.sub));
  });

  it('a standards editor assigns whoever they like', () => {
    spec
      .given(assigned)
      .when(assign(otherFactChecker.sub, standardsEditor))
      .then(assignedTo(otherFactChecker.sub));
  });

  it('a fact-checker takes an unassigned claim for themselves', () => {
    spec.given(open).when(assign(factChecker.sub, factChecker)).then(assignedTo(factChecker.sub));
  });

  it('a fact-checker taking a claim that is already theirs records nothing', () => {
    spec.given(assigned).when(assign(factChecker.sub, factChecker)).thenNothing();
  });

  it('assigning a claim to its assignee records nothing', () => {
    spec.given(assigned).when(assign(factChecker.sub, editor)).thenNothing();
  });

  it('a claim with a published verdict can be reassigned for a new verdict', () => {
    spec
      .given(published)
      .when(assign(otherFactChecker.sub, editor))
      .then(assignedTo(otherFactChecker.sub));
  });

  it('a fact-checker cannot take a claim assigned to a colleague', () => {
    spec
      .given(assigned)
      .when(assign(otherFactChecker.sub, otherFactChecker))
      .thenThrows('forbidden');
  });

  it('a fact-checker cannot assign a claim to a colleague', () => {
    spec.given(open).when(assign(otherFactChecker.sub, factChecker)).thenThrows('forbidden');
  });

  it('a fact-checker cannot hand their own claim to a colleague', () => {
    spec.given(assigned).when(assign(otherFactChecker.sub, factChecker)).thenThrows('forbidden');
  });

  it('a withdrawn claim cannot be assigned', () => {
    spec
      .given([...open, claimWas.withdrawn()])
      .when(assign(factChecker.sub, editor))
      .thenThrows('invalid_transition');
  });

  it('assigning a claim that does not exist is not_found', () => {
    spec.given([]).when(assign(factChecker.sub, editor)).thenThrows('not_found');
  });

  it.each(withRoles(['auditor', 'admin']))('%s cannot assign a claim', (_role, actor) => {
    spec.given(open).when(assign(factChecker.sub, actor)).thenThrows('forbidden');
  });

  it.each(withRoles(['auditor', 'admin']))(
    '%s cannot assign a claim to themselves',
    (_role, actor) => {
      spec.given(open).when(assign(actor.sub, actor)).thenThrows('forbidden');
    },
  );
});

describe('withdrawing a claim', () => {
  const withdrawn: ClaimEvent[] = [
    { type: 'ClaimWithdrawn', data: { claimId, reason: '与另一条核查重复' } },
  ];

  it.each([
    ['open', open],
    ['assigned', assigned],
    ['being drafted', drafted],
    ['in review', inReview],
  ])('an editor withdraws a claim that is %s', (_status, history) => {
    spec.given(history).when(withdraw(editor)).then(withdrawn);
  });

  it('a standards editor may withdraw a claim too', () => {
    spec.given(open).when(withdraw(standardsEditor)).then(withdrawn);
  });

  it('a claim whose verdict was retracted can be withdrawn', () => {
    spec
      .given([...published, claimWas.retracted(1, standardsEditor.sub)])
      .when(withdraw(editor))
      .then(withdrawn);
  });

  it('a claim with a published verdict cannot be withdrawn', () => {
    spec.given(published).when(withdraw(editor)).thenThrows('invalid_transition');
  });

  it('a published claim with a new verdict in review cannot be withdrawn either', () => {
    spec
      .given([
        ...published,
        claimWas.drafted(2, factChecker.sub),
        claimWas.submitted(2, factChecker.sub),
      ])
      .when(withdraw(editor))
      .thenThrows('invalid_transition');
  });

  it('a claim cannot be withdrawn twice', () => {
    spec
      .given([...open, claimWas.withdrawn()])
      .when(withdraw(editor))
      .thenThrows('invalid_transition');
  });

  it('withdrawing a claim that does not exist is not_found', () => {
    spec.given([]).when(withdraw(editor)).thenThrows('not_found');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot withdraw a claim',
    (_role, actor) => {
      spec.given(open).when(withdraw(actor)).thenThrows('forbidden');
    },
  );
});
