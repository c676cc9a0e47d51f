import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  correctionWas,
  editor,
  ids,
  PINYIN_ARTEFACT,
  pinyinAnchor,
  proposeCorrection,
  standardsEditor,
  withRoles,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import { correctionDecider } from './correction.decide';

const spec = deciderSpecification(correctionDecider);
const correctionId = ids.correction;
const proposed = correctionWas.proposed();
const REVISION_2 = `${YANGQUAN_TEXT}\n(郭 赟)`;
const inRevision2 = anchorOf(REVISION_2, PINYIN_ARTEFACT, 2);
const ARTICLE_NOTE = '本文所述发布会于2024年12月3日举行,原文未注明年份。';

/* Amending a proposal is in correction-proposal-amendment.unit.spec.ts. */
describe('proposing a correction', () => {
  it('an editor proposes correcting “推動(dòng)” to “推動” in corpus 002', () => {
    spec.given([]).when(proposeCorrection(editor)).then([proposed]);
  });

  it('a standards editor may propose one too, and is recorded as its proposer', () => {
    spec
      .given([])
      .when(proposeCorrection(standardsEditor))
      .then([correctionWas.proposed({ proposedBy: standardsEditor.sub })]);
  });

  it('a correction may delete its span with an empty replacement', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { replacement: '' }))
      .then([correctionWas.proposed({ replacement: '' })]);
  });

  it('a clarification without a replacement only adds its notice', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { kind: 'clarification', replacement: null }))
      .then([correctionWas.proposed({ kind: 'clarification', replacement: null })]);
  });

  it('a correction may name the claim it answers', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { kind: 'update', claimId: ids.claim }))
      .then([correctionWas.proposed({ kind: 'update', claimId: ids.claim })]);
  });

  it('an editor’s note about the whole article needs no span', () => {
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          kind: 'editors_note',
          anchor: null,
          replacement: null,
          notice: ARTICLE_NOTE,
        }),
      )
      .then([
        correctionWas.proposed({
          kind: 'editors_note',
          anchor: null,
          replacement: null,
          notice: ARTICLE_NOTE,
        }),
      ]);
  });

  it('an editor’s note may still point at a passage', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { kind: 'editors_note', replacement: null }))
      .then([correctionWas.proposed({ kind: 'editors_note', replacement: null })]);
  });

  it('a correction proposed on an older revision follows its passage to the current one', () => {
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          followedTo: { method: 'unchanged', score: 1, anchor: inRevision2 },
        }),
      )
      .then([proposed, annotationWas.reanchored(correctionId, 1, inRevision2, 'unchanged', 1)]);
  });

  it('a correction proposed on an older revision whose passage is gone is orphaned at once', () => {
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          followedTo: { method: 'orphaned', score: 0, reason: 'passage_removed', revision: 2 },
        }),
      )
      .then([proposed, annotationWas.orphaned(correctionId, pinyinAnchor, 2)]);
  });

  it('an editor’s note without a span has nothing to follow', () => {
    const note = { kind: 'editors_note', anchor: null, replacement: null } as const;
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          ...note,
          followedTo: { method: 'unchanged', score: 1, anchor: inRevision2 },
        }),
      )
      .then([correctionWas.proposed(note)]);
  });

  it.each([['推動'], ['']])(
    'an editor’s note cannot replace text (replacement %j)',
    (replacement) => {
      spec
        .given([])
        .when(proposeCorrection(editor, { kind: 'editors_note', replacement }))
        .thenThrows('validation_failed');
    },
  );

  it.each([['correction'], ['clarification'], ['update']] as const)(
    'a %s needs the span it is about',
    (kind) => {
      const refusal = spec
        .given([])
        .when(proposeCorrection(editor, { kind, anchor: null }))
        .thenThrows('validation_failed');
      expect(refusal.details).toEqual({ field: 'selector' });
    },
  );

  it('a correction needs a notice', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { notice: '  ' }))
      .thenThrows('validation_failed');
  });

  it('a replacement identical to the quoted text would change nothing, and is refused', () => {
    const refusal = spec
      .given([])
      .when(proposeCorrection(editor, { replacement: PINYIN_ARTEFACT }))
      .thenThrows('validation_failed');
    expect(refusal.details).toEqual({ field: 'replacement' });
  });

  it('proposing a correction whose id is taken is refused', () => {
    spec.given([proposed]).when(proposeCorrection(editor)).thenThrows('invalid_transition');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot propose a correction',
    (_role, actor) => {
      spec.given([]).when(proposeCorrection(actor)).thenThrows('forbidden');
    },
  );
});
