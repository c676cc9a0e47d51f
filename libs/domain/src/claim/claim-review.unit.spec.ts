import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  claimHistory,
  claimWas,
  editor,
  factChecker,
  ids,
  otherStandardsEditor,
  standardsEditor,
  withRoles,
} from '../testing/fixtures';
import type { ApproveVerdict, RejectVerdict, RetractVerdict } from './claim.commands';
import { claimDecider } from './claim.decide';

const spec = deciderSpecification(claimDecider());
const claimId = ids.claim;
const { assigned, drafted, inReview, published } = claimHistory;

const approve = (actor: Actor): ApproveVerdict => ({ type: 'ApproveVerdict', claimId, actor });
const reject = (actor: Actor): RejectVerdict => ({
  type: 'RejectVerdict',
  claimId,
  reason: '请补充国家统计局数据',
  actor,
});
const retract = (actor: Actor): RetractVerdict => ({
  type: 'RetractVerdict',
  claimId,
  reason: '统计口径有误',
  actor,
});

const version2InReview = [
  ...published,
  claimWas.drafted(2, factChecker.sub, { rating: 'mostly_true' }),
  claimWas.submitted(2, factChecker.sub),
];

describe('approving a verdict', () => {
  it('a standards editor approves the submitted verdict, which is published in full', () => {
    spec
      .given(inReview)
      .when(approve(standardsEditor))
      .then(claimWas.published(1, standardsEditor.sub));
  });

  it('a new version, once approved, supersedes the published one', () => {
    spec
      .given(version2InReview)
      .when(approve(otherStandardsEditor))
      .then(claimWas.published(2, otherStandardsEditor.sub, 1, 'mostly_true'));
  });

  it('a standards editor cannot approve a verdict they drafted', () => {
    spec
      .given([
        ...assigned,
        claimWas.drafted(1, standardsEditor.sub),
        claimWas.submitted(1, standardsEditor.sub),
      ])
      .when(approve(standardsEditor))
      .thenThrows('self_approval_forbidden');
  });

  it('a standards editor cannot approve a verdict they only reworded after the fact-checker', () => {
    spec
      .given([
        ...drafted,
        claimWas.drafted(1, standardsEditor.sub),
        claimWas.submitted(1, factChecker.sub),
      ])
      .when(approve(standardsEditor))
      .thenThrows('self_approval_forbidden');
  });

  it('drafting a version before it was sent back still counts after a colleague reworks it', () => {
    spec
      .given([
        ...assigned,
        claimWas.drafted(1, standardsEditor.sub),
        claimWas.submitted(1, standardsEditor.sub),
        claimWas.rejected(1, otherStandardsEditor.sub),
        claimWas.drafted(1, factChecker.sub),
        claimWas.submitted(1, factChecker.sub),
      ])
      .when(approve(standardsEditor))
      .thenThrows('self_approval_forbidden');
  });

  it('someone holding both the fact-checker and standards editor roles cannot approve their own draft', () => {
    const both: Actor = { sub: 'hou.jin', roles: ['fact_checker', 'standards_editor'] };
    spec
      .given([...assigned, claimWas.drafted(1, both.sub), claimWas.submitted(1, both.sub)])
      .when(approve(both))
      .thenThrows('self_approval_forbidden');
  });

  it('the drafter of the published version may approve a colleague’s next version', () => {
    const draftedBySe = [
      ...assigned,
      claimWas.drafted(1, standardsEditor.sub),
      claimWas.submitted(1, standardsEditor.sub),
      ...claimWas.published(1, otherStandardsEditor.sub),
      claimWas.drafted(2, factChecker.sub),
      claimWas.submitted(2, factChecker.sub),
    ];
    spec
      .given(draftedBySe)
      .when(approve(standardsEditor))
      .then(claimWas.published(2, standardsEditor.sub, 1));
  });

  it.each([
    ['a draft not yet submitted', drafted],
    ['a claim without a draft', assigned],
    ['a verdict already published', published],
    ['a draft sent back to its author', [...inReview, claimWas.rejected(1, standardsEditor.sub)]],
  ])('approving %s is refused', (_what, history) => {
    spec.given(history).when(approve(standardsEditor)).thenThrows('invalid_transition');
  });

  it('a withdrawn claim’s verdict cannot be approved', () => {
    spec
      .given([...inReview, claimWas.withdrawn()])
      .when(approve(standardsEditor))
      .thenThrows('invalid_transition');
  });

  it('approving on a claim that does not exist is not_found', () => {
    spec.given([]).when(approve(standardsEditor)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'fact_checker', 'auditor', 'admin']))(
    '%s cannot approve a verdict',
    (_role, actor) => {
      spec.given(inReview).when(approve(actor)).thenThrows('forbidden');
    },
  );

  it('an editor who is also a fact-checker still cannot approve', () => {
    const desk: Actor = { sub: 'zhou.yang', roles: ['editor', 'fact_checker'] };
    spec.given(inReview).when(approve(desk)).thenThrows('forbidden');
  });
});

describe('rejecting a verdict', () => {
  it('a standards editor sends the submission back to a draft with the reason', () => {
    spec
      .given(inReview)
      .when(reject(standardsEditor))
      .then([claimWas.rejected(1, standardsEditor.sub)]);
  });

  it('a new version over a published verdict can be sent back too', () => {
    spec
      .given(version2InReview)
      .when(reject(otherStandardsEditor))
      .then([claimWas.rejected(2, otherStandardsEditor.sub)]);
  });

  it.each([
    ['a draft not yet submitted', drafted],
    ['a claim without a draft', assigned],
    ['a verdict already published', published],
    ['a draft already sent back', [...inReview, claimWas.rejected(1, standardsEditor.sub)]],
  ])('rejecting %s is refused', (_what, history) => {
    spec.given(history).when(reject(standardsEditor)).thenThrows('invalid_transition');
  });

  it('a withdrawn claim’s verdict cannot be rejected', () => {
    spec
      .given([...inReview, claimWas.withdrawn()])
      .when(reject(standardsEditor))
      .thenThrows('invalid_transition');
  });

  it('rejecting on a claim that does not exist is not_found', () => {
    spec.given([]).when(reject(standardsEditor)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'fact_checker', 'auditor', 'admin']))(
    '%s cannot reject a verdict',
    (_role, actor) => {
      spec.given(inReview).when(reject(actor)).thenThrows('forbidden');
    },
  );
});

describe('retracting a published verdict', () => {
  it('a standards editor retracts the published verdict with the reason', () => {
    spec
      .given(published)
      .when(retract(otherStandardsEditor))
      .then([claimWas.retracted(1, otherStandardsEditor.sub)]);
  });

  it('retracts the published version, not the new draft being written', () => {
    spec
      .given([...published, claimWas.drafted(2, factChecker.sub)])
      .when(retract(standardsEditor))
      .then([claimWas.retracted(1, standardsEditor.sub)]);
  });

  it('retracts the newest published version after a supersession', () => {
    spec
      .given([...version2InReview, ...claimWas.published(2, otherStandardsEditor.sub, 1)])
      .when(retract(standardsEditor))
      .then([claimWas.retracted(2, standardsEditor.sub)]);
  });

  it.each([
    ['a claim without a published verdict', inReview],
    ['a verdict already retracted', [...published, claimWas.retracted(1, standardsEditor.sub)]],
  ])('retracting %s is refused', (_what, history) => {
    spec.given(history).when(retract(standardsEditor)).thenThrows('invalid_transition');
  });

  it('retracting on a withdrawn claim is refused', () => {
    spec
      .given([...assigned, claimWas.withdrawn()])
      .when(retract(standardsEditor))
      .thenThrows('invalid_transition');
  });

  it('retracting on a claim that does not exist is not_found', () => {
    spec.given([]).when(retract(standardsEditor)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'fact_checker', 'auditor', 'admin']))(
    '%s cannot retract a verdict',
    (_role, actor) => {
      spec.given(published).when(retract(actor)).thenThrows('forbidden');
    },
  );

  it('an editor is refused before anything else is checked', () => {
    spec.given([]).when(retract(editor)).thenThrows('forbidden');
  });
});
