import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import type { ReanchorAnnotation, ReanchorOutcome } from '../shared/reanchoring';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  correctionWas,
  everyUser,
  ids,
  PINYIN_ARTEFACT,
  PINYIN_NOTICE,
  pinyinAnchor,
  system,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import type { PublishCorrection } from './correction.commands';
import { correctionDecider } from './correction.decide';

const spec = deciderSpecification(correctionDecider);
const correctionId = ids.correction;
const proposed = correctionWas.proposed();
const approved = [proposed, correctionWas.approved()];
const CORRECTED = YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, '推動');
const fixedSpan = anchorOf(CORRECTED, '推動', 2);
const REVISION_3 = `${CORRECTED}\n(郭 赟)`;

const publish = (
  revision: number,
  anchor: Anchor | null,
  actor: Actor = system,
): PublishCorrection => ({ type: 'PublishCorrection', correctionId, revision, anchor, actor });

const follow = (outcome: ReanchorOutcome, actor: Actor = system): ReanchorAnnotation => ({
  type: 'ReanchorAnnotation',
  annotationId: correctionId,
  outcome,
  actor,
});

const inRevision2 = anchorOf(`${YANGQUAN_TEXT}\n(郭 赟)`, PINYIN_ARTEFACT, 2);
const toRevision2: ReanchorOutcome = { method: 'shifted', score: 1, anchor: inRevision2 };
const lostIn2: ReanchorOutcome = {
  method: 'orphaned',
  score: 0.3,
  reason: 'passage_edited',
  revision: 2,
};

describe('publishing a correction', () => {
  it('records the revision the correction produced and its span covering the replacement', () => {
    spec
      .given(approved)
      .when(publish(2, fixedSpan))
      .then([correctionWas.published(2, fixedSpan)]);
  });

  it('a clarification without replacement is published on the current revision, on its span', () => {
    spec
      .given([
        correctionWas.proposed({ kind: 'clarification', replacement: null }),
        correctionWas.approved(),
      ])
      .when(publish(1, pinyinAnchor))
      .then([
        {
          type: 'CorrectionPublished',
          data: {
            correctionId,
            articleId: ids.yangquanArticle,
            revision: 1,
            kind: 'clarification',
            notice: PINYIN_NOTICE,
            anchor: pinyinAnchor,
          },
        },
      ]);
  });

  it('a deletion leaves no span behind', () => {
    spec
      .given(approved)
      .when(publish(2, null))
      .then([correctionWas.published(2, null)]);
  });

  it('publishing a correction already published records nothing', () => {
    spec
      .given([...approved, correctionWas.published(2, fixedSpan)])
      .when(publish(2, fixedSpan))
      .thenNothing();
  });

  it.each([
    ['only proposed', [proposed]],
    ['rejected', [proposed, correctionWas.rejected()]],
    ['withdrawn', [proposed, correctionWas.withdrawn()]],
    ['withdrawn after approval', [...approved, correctionWas.withdrawn()]],
  ])('a correction that is %s is not published', (_status, history) => {
    spec.given(history).when(publish(2, fixedSpan)).thenThrows('invalid_transition');
  });

  it('publishing a correction that does not exist is not_found', () => {
    spec.given([]).when(publish(2, fixedSpan)).thenThrows('not_found');
  });

  it.each(everyUser)('%s cannot publish a correction by hand', (_role, actor) => {
    spec
      .given(approved)
      .when(publish(2, fixedSpan, actor))
      .thenThrows('forbidden');
  });
});

describe('a correction following a new revision', () => {
  it('a proposal moves with the diff', () => {
    spec
      .given([proposed])
      .when(follow(toRevision2))
      .then([annotationWas.reanchored(correctionId, 1, inRevision2)]);
  });

  it('an approved correction whose passage was edited away is orphaned', () => {
    spec
      .given(approved)
      .when(follow(lostIn2))
      .then([annotationWas.orphaned(correctionId, pinyinAnchor, 2, 'passage_edited', 0.3)]);
  });

  it('a published correction follows from the revision it produced', () => {
    const inRevision3 = anchorOf(REVISION_3, '推動', 3);
    spec
      .given([...approved, correctionWas.published(2, fixedSpan)])
      .when(follow({ method: 'unchanged', score: 1, anchor: inRevision3 }))
      .then([annotationWas.reanchored(correctionId, 2, inRevision3, 'unchanged')]);
  });

  it('the revision a correction produced is not followed again', () => {
    spec
      .given([...approved, correctionWas.published(2, fixedSpan)])
      .when(follow({ method: 'unchanged', score: 1, anchor: fixedSpan }))
      .thenNothing();
  });

  it('an orphan found again by its quote in a later revision is re-anchored', () => {
    const found = anchorOf(`(郭 赟)\n${YANGQUAN_TEXT}`, PINYIN_ARTEFACT, 3);
    spec
      .given([proposed, annotationWas.orphaned(correctionId, pinyinAnchor, 2)])
      .when(follow({ method: 'exact_quote', score: 1, anchor: found }))
      .then([annotationWas.reanchored(correctionId, 1, found, 'exact_quote')]);
  });

  it('a revision the correction was already orphaned in records nothing', () => {
    spec
      .given([proposed, annotationWas.orphaned(correctionId, pinyinAnchor, 2)])
      .when(follow(lostIn2))
      .thenNothing();
  });

  it('a revision the correction already followed records nothing', () => {
    spec
      .given([proposed, annotationWas.reanchored(correctionId, 1, inRevision2)])
      .when(follow(toRevision2))
      .thenNothing();
  });

  it.each([
    ['rejected', [proposed, correctionWas.rejected()]],
    ['withdrawn', [proposed, correctionWas.withdrawn()]],
  ])('a %s correction stays where it was', (_status, history) => {
    spec.given(history).when(follow(toRevision2)).thenNothing();
  });

  it('an editor’s note about the whole article has no span to move', () => {
    spec
      .given([correctionWas.proposed({ kind: 'editors_note', anchor: null, replacement: null })])
      .when(follow(toRevision2))
      .thenNothing();
  });

  it('a deletion, once published, has no span to move', () => {
    spec
      .given([...approved, correctionWas.published(2, null)])
      .when(follow(lostIn2))
      .thenNothing();
  });

  it('following a correction that does not exist is not_found', () => {
    spec.given([]).when(follow(toRevision2)).thenThrows('not_found');
  });

  it.each(everyUser)('%s cannot move a correction as the system does', (_role, actor) => {
    spec.given([proposed]).when(follow(toRevision2, actor)).thenThrows('forbidden');
  });
});
