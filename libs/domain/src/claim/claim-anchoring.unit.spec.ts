import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import type { ReanchorAnnotation, ReanchorOutcome } from '../shared/reanchoring';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  claimHistory,
  claimWas,
  COAL_CLAIM,
  COAL_TEXT,
  coalAnchor,
  editor,
  everyUser,
  factChecker,
  ids,
  system,
  withRoles,
} from '../testing/fixtures';
import type { ReanchorClaim } from './claim.commands';
import { claimDecider } from './claim.decide';

const spec = deciderSpecification(claimDecider());
const claimId = ids.claim;
const captured = claimWas.captured();

const REVISION_2 = `【导语】山西代表团媒体开放日。\n${COAL_TEXT}`;
const REVISION_3 = COAL_TEXT.replace('去年', '2023年');
const inRevision2 = anchorOf(REVISION_2, COAL_CLAIM, 2);
const orphanedIn2 = annotationWas.orphaned(claimId, coalAnchor, 2, 'passage_edited');
const reanchoredIn2 = annotationWas.reanchored(claimId, 1, inRevision2);

const reanchorByHand = (anchor: Anchor, actor: Actor = editor): ReanchorClaim => ({
  type: 'ReanchorClaim',
  claimId,
  anchor,
  actor,
});

const follow = (outcome: ReanchorOutcome, actor: Actor = system): ReanchorAnnotation => ({
  type: 'ReanchorAnnotation',
  annotationId: claimId,
  outcome,
  actor,
});

const shiftedTo2: ReanchorOutcome = { method: 'shifted', score: 1, anchor: inRevision2 };
const lostIn3: ReanchorOutcome = {
  method: 'orphaned',
  score: 0.41,
  reason: 'passage_edited',
  revision: 3,
};

describe('re-anchoring a claim by hand', () => {
  it('an editor puts an orphaned claim back on its edited passage, recorded as manual', () => {
    const edited = anchorOf(REVISION_3, '2023年煤炭产量达到13.78亿吨', 3);
    spec
      .given([...claimHistory.open, annotationWas.orphaned(claimId, coalAnchor, 3)])
      .when(reanchorByHand(edited))
      .then([annotationWas.reanchored(claimId, 1, edited, 'manual', 1)]);
  });

  it('a fact-checker may narrow the span within the revision it is anchored in', () => {
    const narrower = anchorOf(COAL_TEXT, '13.78亿吨');
    spec
      .given([captured])
      .when(reanchorByHand(narrower, factChecker))
      .then([annotationWas.reanchored(claimId, 1, narrower, 'manual', 1)]);
  });

  it('the new anchor is recorded as anchored', () => {
    spec
      .given([captured, orphanedIn2])
      .when(reanchorByHand({ ...inRevision2, state: 'orphaned' }))
      .then([annotationWas.reanchored(claimId, 1, inRevision2, 'manual', 1)]);
  });

  it('a claim with a published verdict can be re-anchored by hand', () => {
    spec
      .given([...claimHistory.published, orphanedIn2])
      .when(reanchorByHand(inRevision2))
      .then([annotationWas.reanchored(claimId, 1, inRevision2, 'manual', 1)]);
  });

  it('a claim cannot be put back on a revision older than the one it already follows', () => {
    spec
      .given([captured, orphanedIn2])
      .when(reanchorByHand(coalAnchor))
      .thenThrows('invalid_transition');
  });

  it('a withdrawn claim cannot be re-anchored', () => {
    spec
      .given([captured, orphanedIn2, claimWas.withdrawn()])
      .when(reanchorByHand(inRevision2))
      .thenThrows('invalid_transition');
  });

  it('re-anchoring a claim that does not exist is not_found', () => {
    spec.given([]).when(reanchorByHand(inRevision2)).thenThrows('not_found');
  });

  it.each(withRoles(['auditor', 'admin']))('%s cannot re-anchor a claim', (_role, actor) => {
    spec
      .given([captured, orphanedIn2])
      .when(reanchorByHand(inRevision2, actor))
      .thenThrows('forbidden');
  });
});

describe('a claim following a new revision', () => {
  it('moves with the diff to revision 2', () => {
    spec.given([captured]).when(follow(shiftedTo2)).then([reanchoredIn2]);
  });

  it('is orphaned where its passage was edited beyond recognition, keeping its last anchor', () => {
    spec
      .given([captured, reanchoredIn2])
      .when(follow(lostIn3))
      .then([
        {
          type: 'AnnotationOrphaned',
          data: {
            annotationId: claimId,
            fromRevision: 2,
            revision: 3,
            reason: 'passage_edited',
            score: 0.41,
            anchor: { ...inRevision2, state: 'orphaned' },
          },
        },
      ]);
  });

  it('a claim with a published verdict follows too', () => {
    spec.given(claimHistory.published).when(follow(shiftedTo2)).then([reanchoredIn2]);
  });

  it('an orphan found again by its exact quote in a later revision is re-anchored there', () => {
    const inRevision4 = anchorOf(`${COAL_TEXT}\n(侯琎 整理)`, COAL_CLAIM, 4);
    spec
      .given([captured, orphanedIn2])
      .when(follow({ method: 'exact_quote', score: 1, anchor: inRevision4 }))
      .then([annotationWas.reanchored(claimId, 1, inRevision4, 'exact_quote', 1)]);
  });

  it('a revision the claim already followed records nothing', () => {
    spec.given([captured, reanchoredIn2]).when(follow(shiftedTo2)).thenNothing();
  });

  it('a revision the claim was already orphaned in records nothing', () => {
    spec
      .given([captured, orphanedIn2])
      .when(follow({ method: 'orphaned', score: 0, reason: 'passage_edited', revision: 2 }))
      .thenNothing();
  });

  it('a withdrawn claim stays where it was', () => {
    spec.given([captured, claimWas.withdrawn()]).when(follow(shiftedTo2)).thenNothing();
  });

  it('following a claim that does not exist is not_found', () => {
    spec.given([]).when(follow(shiftedTo2)).thenThrows('not_found');
  });

  it.each(everyUser)('%s cannot move a claim as the system does', (_role, actor) => {
    spec.given([captured]).when(follow(shiftedTo2, actor)).thenThrows('forbidden');
  });
});
