import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  correctionWas,
  editor,
  ids,
  otherEditor,
  PINYIN_ARTEFACT,
  PINYIN_NOTICE,
  pinyinAnchor,
  withRoles,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import type { AmendCorrection } from './correction.commands';
import { correctionDecider } from './correction.decide';
import type { CorrectionEvent } from './correction.events';

const spec = deciderSpecification(correctionDecider);
const correctionId = ids.correction;
const proposed = correctionWas.proposed();
const REVISION_2 = `${YANGQUAN_TEXT}\n(郭 赟)`;
const inRevision2 = anchorOf(REVISION_2, PINYIN_ARTEFACT, 2);

const amend = (
  actor: Actor,
  changes: Omit<AmendCorrection, 'type' | 'correctionId' | 'actor'>,
): AmendCorrection => ({ type: 'AmendCorrection', correctionId, actor, ...changes });

const amended = (
  amendedBy: string,
  changes: { replacement?: string | null; notice?: string } = {},
): CorrectionEvent => correctionWas.amended(amendedBy, changes);

const movedByHand = (from: number, to: Anchor): CorrectionEvent =>
  annotationWas.reanchored(correctionId, from, to, 'manual', 1);

/* Proposing a correction is in correction-proposal.unit.spec.ts. */
describe('amending a correction', () => {
  const orphanedAfterApproval = [
    proposed,
    correctionWas.approved(),
    annotationWas.orphaned(correctionId, pinyinAnchor, 2),
  ];

  it('an editor rewrites the notice, and is recorded as an amender', () => {
    spec
      .given([proposed])
      .when(amend(otherEditor, { notice: '更正:“推動(dòng)”应为“推動”。' }))
      .then([amended(otherEditor.sub, { notice: '更正:“推動(dòng)”应为“推動”。' })]);
  });

  it('the replacement can become a deletion or a notice only', () => {
    spec
      .given([proposed])
      .when(amend(editor, { replacement: '' }))
      .then([amended(editor.sub, { replacement: '' })]);
    spec
      .given([proposed])
      .when(amend(editor, { replacement: null }))
      .then([amended(editor.sub, { replacement: null })]);
  });

  it('an amendment that changes nothing records nothing', () => {
    spec
      .given([proposed])
      .when(amend(editor, { replacement: '推動', notice: PINYIN_NOTICE }))
      .thenNothing();
  });

  it('a new span is recorded as a manual re-anchoring beside the amendment', () => {
    const narrower = anchorOf(YANGQUAN_TEXT, '(dòng)');
    spec
      .given([proposed])
      .when(amend(editor, { anchor: narrower, replacement: '' }))
      .then([amended(editor.sub, { replacement: '' }), movedByHand(1, narrower)]);
  });

  it('an approved correction whose passage was orphaned is amended back to a proposal on its new span', () => {
    spec
      .given(orphanedAfterApproval)
      .when(amend(editor, { anchor: inRevision2 }))
      .then([amended(editor.sub), movedByHand(1, inRevision2)]);
  });

  it('an editor’s note gains a span', () => {
    spec
      .given([correctionWas.proposed({ kind: 'editors_note', anchor: null, replacement: null })])
      .when(amend(editor, { anchor: pinyinAnchor }))
      .then([amended(editor.sub), movedByHand(1, pinyinAnchor)]);
  });

  it('a span on a revision older than the one the correction follows is refused', () => {
    spec
      .given(orphanedAfterApproval)
      .when(amend(editor, { anchor: pinyinAnchor }))
      .thenThrows('invalid_transition');
  });

  it('an approved correction still on its passage cannot be amended', () => {
    spec
      .given([proposed, correctionWas.approved()])
      .when(amend(editor, { notice: '更正' }))
      .thenThrows('invalid_transition');
  });

  it.each([
    ['published', [proposed, correctionWas.approved(), correctionWas.published(2, null)]],
    ['rejected', [proposed, correctionWas.rejected()]],
    ['withdrawn', [proposed, correctionWas.withdrawn()]],
  ])('a %s correction cannot be amended', (_status, history) => {
    spec
      .given(history)
      .when(amend(editor, { notice: '更正' }))
      .thenThrows('invalid_transition');
  });

  it('an editor’s note cannot be amended into replacing text', () => {
    spec
      .given([correctionWas.proposed({ kind: 'editors_note', replacement: null })])
      .when(amend(editor, { replacement: '推動' }))
      .thenThrows('validation_failed');
  });

  it('the replacement cannot be amended into the quoted text itself', () => {
    spec
      .given([proposed])
      .when(amend(editor, { replacement: PINYIN_ARTEFACT }))
      .thenThrows('validation_failed');
  });

  it('the notice cannot be emptied', () => {
    spec
      .given([proposed])
      .when(amend(editor, { notice: ' ' }))
      .thenThrows('validation_failed');
  });

  it('amending a correction that does not exist is not_found', () => {
    spec
      .given([])
      .when(amend(editor, { notice: '更正' }))
      .thenThrows('not_found');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot amend a correction',
    (_role, actor) => {
      spec
        .given([proposed])
        .when(amend(actor, { notice: '更正' }))
        .thenThrows('forbidden');
    },
  );
});
