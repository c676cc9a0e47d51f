import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  annotationWas,
  captureClaim,
  claimHistory,
  claimWas,
  COAL_CLAIM,
  COAL_TEXT,
  coalAnchor,
  editor,
  factChecker,
  ids,
  standardsEditor,
  system,
  withRoles,
} from '../testing/fixtures';
import type { EditClaim } from './claim.commands';
import { claimDecider } from './claim.decide';
import type { ClaimEvent } from './claim.events';

const spec = deciderSpecification(claimDecider());
const claimId = ids.claim;
const captured = claimWas.captured();

const edit = (actor: Actor, changes: Partial<EditClaim>): EditClaim => ({
  type: 'EditClaim',
  claimId,
  actor,
  ...changes,
});

describe('capturing a claim', () => {
  it('a fact-checker captures the coal output claim of article 000 on its passage', () => {
    spec.given([]).when(captureClaim(factChecker)).then([captured]);
  });

  it.each(withRoles(['editor', 'standards_editor']))('%s may capture a claim', (_role, actor) => {
    spec.given([]).when(captureClaim(actor)).then([captured]);
  });

  it('a claim captured without a statement states its quote', () => {
    spec
      .given([])
      .when(captureClaim(editor, { statement: null, claimant: null, topics: [] }))
      .then([claimWas.captured({ statement: COAL_CLAIM, claimant: null, topics: [] })]);
  });

  it('the captured anchor is anchored, whatever state the request carried', () => {
    spec
      .given([])
      .when(captureClaim(editor, { anchor: { ...coalAnchor, state: 'orphaned' } }))
      .then([captured]);
  });

  it('a claim captured on an older revision follows its passage to the current one', () => {
    const inRevision2 = anchorOf(`导语\n${COAL_TEXT}`, COAL_CLAIM, 2);
    spec
      .given([])
      .when(
        captureClaim(factChecker, {
          followedTo: { method: 'shifted', score: 1, anchor: inRevision2 },
        }),
      )
      .then([captured, annotationWas.reanchored(claimId, 1, inRevision2, 'shifted', 1)]);
  });

  it('a claim captured on an older revision whose passage is gone is orphaned in the current one', () => {
    spec
      .given([])
      .when(
        captureClaim(factChecker, {
          followedTo: { method: 'orphaned', score: 0.2, reason: 'passage_removed', revision: 3 },
        }),
      )
      .then([
        captured,
        {
          type: 'AnnotationOrphaned',
          data: {
            annotationId: claimId,
            fromRevision: 1,
            revision: 3,
            reason: 'passage_removed',
            score: 0.2,
            anchor: { ...coalAnchor, state: 'orphaned' },
          },
        },
      ]);
  });

  it('a blank statement is refused', () => {
    spec
      .given([])
      .when(captureClaim(factChecker, { statement: '  ' }))
      .thenThrows('validation_failed');
  });

  it('capturing a claim whose id is taken is refused', () => {
    spec.given([captured]).when(captureClaim(factChecker)).thenThrows('invalid_transition');
  });

  it.each(withRoles(['auditor', 'admin']))('%s cannot capture a claim', (_role, actor) => {
    spec.given([]).when(captureClaim(actor)).thenThrows('forbidden');
  });

  it('the system does not capture claims', () => {
    spec.given([]).when(captureClaim(system)).thenThrows('forbidden');
  });
});

describe('editing a claim', () => {
  it('an editor rewrites the statement and names the claimant', () => {
    spec
      .given([captured])
      .when(
        edit(editor, { statement: '山西2023年原煤产量13.78亿吨', claimant: '山西省省长金湘军' }),
      )
      .then([
        {
          type: 'ClaimEdited',
          data: {
            claimId,
            statement: '山西2023年原煤产量13.78亿吨',
            claimant: '山西省省长金湘军',
          },
        },
      ]);
  });

  it('only the fields that changed are recorded', () => {
    spec
      .given([captured])
      .when(
        edit(factChecker, {
          statement: '山西2023年煤炭产量达到13.78亿吨',
          claimant: '山西代表团',
          topics: ['能源', '煤炭', '统计'],
        }),
      )
      .then([{ type: 'ClaimEdited', data: { claimId, topics: ['能源', '煤炭', '统计'] } }]);
  });

  it('the claimant can be cleared', () => {
    spec
      .given([captured])
      .when(edit(standardsEditor, { claimant: null }))
      .then([{ type: 'ClaimEdited', data: { claimId, claimant: null } }]);
  });

  it('an edit that changes nothing records nothing', () => {
    spec
      .given([captured])
      .when(
        edit(factChecker, {
          statement: '山西2023年煤炭产量达到13.78亿吨',
          topics: ['能源', '煤炭'],
        }),
      )
      .thenNothing();
  });

  it('an earlier edit is what the next one is compared with', () => {
    const edited: ClaimEvent = { type: 'ClaimEdited', data: { claimId, claimant: null } };
    spec
      .given([captured, edited])
      .when(edit(editor, { claimant: null }))
      .thenNothing();
  });

  it('a claim with a published verdict can still be edited', () => {
    spec
      .given(claimHistory.published)
      .when(edit(editor, { topics: ['能源'] }))
      .then([{ type: 'ClaimEdited', data: { claimId, topics: ['能源'] } }]);
  });

  it('the statement cannot be emptied', () => {
    spec
      .given([captured])
      .when(edit(editor, { statement: ' ' }))
      .thenThrows('validation_failed');
  });

  it('a withdrawn claim cannot be edited', () => {
    spec
      .given([captured, claimWas.withdrawn()])
      .when(edit(editor, { claimant: null }))
      .thenThrows('invalid_transition');
  });

  it('editing a claim that does not exist is not_found', () => {
    spec
      .given([])
      .when(edit(editor, { claimant: null }))
      .thenThrows('not_found');
  });

  it.each(withRoles(['auditor', 'admin']))('%s cannot edit a claim', (_role, actor) => {
    spec
      .given([captured])
      .when(edit(actor, { claimant: null }))
      .thenThrows('forbidden');
  });
});
