import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  correctionWas,
  editor,
  ids,
  otherEditor,
  otherStandardsEditor,
  PINYIN_ARTEFACT,
  pinyinAnchor,
  standardsEditor,
  withRoles,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import type {
  ApproveCorrection,
  RejectCorrection,
  WithdrawCorrection,
} from './correction.commands';
import { correctionDecider } from './correction.decide';
import type { CorrectionEvent } from './correction.events';

const spec = deciderSpecification(correctionDecider);
const correctionId = ids.correction;
const proposed = correctionWas.proposed();
const approved = [proposed, correctionWas.approved()];
const inRevision2 = anchorOf(`${YANGQUAN_TEXT}\n(郭 赟)`, PINYIN_ARTEFACT, 2);
const orphanedIn2 = annotationWas.orphaned(correctionId, pinyinAnchor, 2);

const approve = (actor: Actor, articleRevision = 1): ApproveCorrection => ({
  type: 'ApproveCorrection',
  correctionId,
  articleRevision,
  actor,
});
const reject = (actor: Actor): RejectCorrection => ({
  type: 'RejectCorrection',
  correctionId,
  reason: '原文即如此',
  actor,
});
const withdraw = (actor: Actor): WithdrawCorrection => ({
  type: 'WithdrawCorrection',
  correctionId,
  reason: '已由另一更正覆盖',
  actor,
});

const closedOrDone: [string, CorrectionEvent[]][] = [
  ['approved', approved],
  ['published', [...approved, correctionWas.published(2, null)]],
  ['rejected', [proposed, correctionWas.rejected()]],
  ['withdrawn', [proposed, correctionWas.withdrawn()]],
];

describe('approving a correction', () => {
  it('a standards editor approves an editor’s proposal', () => {
    spec.given([proposed]).when(approve(standardsEditor)).then([correctionWas.approved()]);
  });

  it('an editor’s note about the whole article is approved on whatever revision is current', () => {
    spec
      .given([correctionWas.proposed({ kind: 'editors_note', anchor: null, replacement: null })])
      .when(approve(standardsEditor, 7))
      .then([correctionWas.approved()]);
  });

  it('a correction that followed a re-import is approved on the new revision', () => {
    spec
      .given([proposed, annotationWas.reanchored(correctionId, 1, inRevision2)])
      .when(approve(standardsEditor, 2))
      .then([correctionWas.approved()]);
  });

  it('a standards editor cannot approve a correction they proposed', () => {
    spec
      .given([correctionWas.proposed({ proposedBy: standardsEditor.sub })])
      .when(approve(standardsEditor))
      .thenThrows('self_approval_forbidden');
  });

  it('a standards editor cannot approve a correction they amended', () => {
    spec
      .given([proposed, correctionWas.amended(standardsEditor.sub, { replacement: '推动' })])
      .when(approve(standardsEditor))
      .thenThrows('self_approval_forbidden');
  });

  it('a colleague who neither proposed nor amended it may approve it', () => {
    spec
      .given([proposed, correctionWas.amended(standardsEditor.sub, { replacement: '推动' })])
      .when(approve(otherStandardsEditor))
      .then([correctionWas.approved(otherStandardsEditor.sub)]);
  });

  it('a correction whose passage was orphaned cannot be approved until it is amended', () => {
    spec
      .given([proposed, orphanedIn2])
      .when(approve(standardsEditor, 2))
      .thenThrows('correction_orphaned');
  });

  it('once amended onto its passage again, the orphaned correction can be approved', () => {
    spec
      .given([
        ...approved,
        orphanedIn2,
        correctionWas.amended(otherEditor.sub),
        annotationWas.reanchored(correctionId, 1, inRevision2, 'manual'),
      ])
      .when(approve(otherStandardsEditor, 2))
      .then([correctionWas.approved(otherStandardsEditor.sub)]);
  });

  it('the amender of an orphaned correction cannot be the one who approves it again', () => {
    spec
      .given([
        ...approved,
        orphanedIn2,
        correctionWas.amended(standardsEditor.sub),
        annotationWas.reanchored(correctionId, 1, inRevision2, 'manual'),
      ])
      .when(approve(standardsEditor, 2))
      .thenThrows('self_approval_forbidden');
  });

  it('a correction still being moved to the article’s new revision is refused, to be tried again', () => {
    spec
      .given([proposed])
      .when(approve(standardsEditor, 2))
      .thenThrows('invalid_transition', /still being moved to revision 2/);
  });

  it.each(closedOrDone)('approving a correction that is %s is refused', (_status, history) => {
    spec.given(history).when(approve(otherStandardsEditor)).thenThrows('invalid_transition');
  });

  it('approving a correction that does not exist is not_found', () => {
    spec.given([]).when(approve(standardsEditor)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'fact_checker', 'auditor', 'admin']))(
    '%s cannot approve a correction',
    (_role, actor) => {
      spec.given([proposed]).when(approve(actor)).thenThrows('forbidden');
    },
  );
});

describe('rejecting a correction', () => {
  it('a standards editor rejects a proposal with the reason', () => {
    spec.given([proposed]).when(reject(standardsEditor)).then([correctionWas.rejected()]);
  });

  it('an orphaned proposal can be rejected', () => {
    spec
      .given([proposed, orphanedIn2])
      .when(reject(otherStandardsEditor))
      .then([correctionWas.rejected(otherStandardsEditor.sub)]);
  });

  it.each(closedOrDone)('rejecting a correction that is %s is refused', (_status, history) => {
    spec.given(history).when(reject(standardsEditor)).thenThrows('invalid_transition');
  });

  it('rejecting a correction that does not exist is not_found', () => {
    spec.given([]).when(reject(standardsEditor)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'fact_checker', 'auditor', 'admin']))(
    '%s cannot reject a correction',
    (_role, actor) => {
      spec.given([proposed]).when(reject(actor)).thenThrows('forbidden');
    },
  );
});

describe('withdrawing a correction', () => {
  it('an editor withdraws a proposal with the reason', () => {
    spec.given([proposed]).when(withdraw(editor)).then([correctionWas.withdrawn()]);
  });

  it('an approved replacement, which the system is applying, can no longer be withdrawn', () => {
    spec.given(approved).when(withdraw(otherEditor)).thenThrows('invalid_transition');
  });

  it('an approved notice without replacement can still be withdrawn before it is published', () => {
    spec
      .given([
        correctionWas.proposed({ kind: 'editors_note', anchor: null, replacement: null }),
        correctionWas.approved(),
      ])
      .when(withdraw(otherEditor))
      .then([correctionWas.withdrawn()]);
  });

  it('an approved correction whose passage a later revision orphaned can be withdrawn', () => {
    spec
      .given([...approved, orphanedIn2])
      .when(withdraw(otherEditor))
      .then([correctionWas.withdrawn()]);
  });

  it('a standards editor may withdraw a correction too', () => {
    spec.given([proposed]).when(withdraw(standardsEditor)).then([correctionWas.withdrawn()]);
  });

  it.each(closedOrDone.slice(1))(
    'withdrawing a correction that is %s is refused',
    (_status, history) => {
      spec.given(history).when(withdraw(editor)).thenThrows('invalid_transition');
    },
  );

  it('withdrawing a correction that does not exist is not_found', () => {
    spec.given([]).when(withdraw(editor)).thenThrows('not_found');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot withdraw a correction',
    (_role, actor) => {
      spec.given([proposed]).when(withdraw(actor)).thenThrows('forbidden');
    },
  );
});
