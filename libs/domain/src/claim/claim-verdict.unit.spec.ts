import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  claimHistory,
  claimWas,
  coalSources,
  draftVerdict,
  factChecker,
  ids,
  otherFactChecker,
  standardsEditor,
  withRoles,
} from '../testing/fixtures';
import type { SubmitVerdict } from './claim.commands';
import { claimDecider } from './claim.decide';
import { DEFAULT_RATING_SCALE } from './rating-scale';

const spec = deciderSpecification(claimDecider());
const claimId = ids.claim;
const { open, assigned, drafted, inReview, published } = claimHistory;
const rejected = [...inReview, claimWas.rejected(1, standardsEditor.sub)];

const submit = (actor: Actor): SubmitVerdict => ({ type: 'SubmitVerdict', claimId, actor });

describe('drafting a verdict', () => {
  it('the assigned fact-checker drafts verdict version 1', () => {
    spec
      .given(assigned)
      .when(draftVerdict(factChecker))
      .then([claimWas.drafted(1, factChecker.sub)]);
  });

  it('an open claim can be drafted on before anyone is assigned', () => {
    spec
      .given(open)
      .when(draftVerdict(standardsEditor))
      .then([claimWas.drafted(1, standardsEditor.sub)]);
  });

  it('a new draft replaces the current one under the same version', () => {
    spec
      .given(drafted)
      .when(draftVerdict(factChecker, { rating: 'mostly_true' }))
      .then([claimWas.drafted(1, factChecker.sub, { rating: 'mostly_true' })]);
  });

  it('a colleague’s rewrite of the draft keeps its version', () => {
    spec
      .given(drafted)
      .when(draftVerdict(otherFactChecker))
      .then([claimWas.drafted(1, otherFactChecker.sub)]);
  });

  it('a draft sent back by the reviewer is reworked under the same version', () => {
    spec
      .given(rejected)
      .when(draftVerdict(factChecker, { rating: 'half_true' }))
      .then([claimWas.drafted(1, factChecker.sub, { rating: 'half_true' })]);
  });

  it('a claim with a published verdict gets a new draft as version 2', () => {
    spec
      .given(published)
      .when(draftVerdict(factChecker, { rating: 'misleading' }))
      .then([claimWas.drafted(2, factChecker.sub, { rating: 'misleading' })]);
  });

  it('after a retraction the next verdict is a new version, never a reused number', () => {
    spec
      .given([...published, claimWas.retracted(1, standardsEditor.sub)])
      .when(draftVerdict(factChecker))
      .then([claimWas.drafted(2, factChecker.sub)]);
  });

  it('a draft may have no source yet', () => {
    spec
      .given(assigned)
      .when(draftVerdict(factChecker, { sources: [] }))
      .then([claimWas.drafted(1, factChecker.sub, { sources: [] })]);
  });

  it('a summary of 280 characters counts code points, so 280 CJK Extension B characters fit', () => {
    const summary = '𠀾'.repeat(280);
    spec
      .given(assigned)
      .when(draftVerdict(factChecker, { summary }))
      .then([claimWas.drafted(1, factChecker.sub, { summary })]);
  });

  it('a newsroom with its own rating scale drafts on that scale only', () => {
    const scale = {
      ...DEFAULT_RATING_SCALE,
      ratings: [{ id: 'pants_on_fire', label: 'Pants on fire', value: 0 }],
      worst: 0,
    };
    deciderSpecification(claimDecider(scale))
      .given(assigned)
      .when(draftVerdict(factChecker, { rating: 'pants_on_fire' }))
      .then([claimWas.drafted(1, factChecker.sub, { rating: 'pants_on_fire' })]);
    deciderSpecification(claimDecider(scale))
      .given(assigned)
      .when(draftVerdict(factChecker, { rating: 'true' }))
      .thenThrows('validation_failed');
  });

  it('a rating outside the scale is refused', () => {
    spec
      .given(assigned)
      .when(draftVerdict(factChecker, { rating: 'pants_on_fire' }))
      .thenThrows('validation_failed');
  });

  it.each([
    ['empty', '   '],
    ['longer than 280 characters', '煤'.repeat(281)],
  ])('a summary that is %s is refused', (_what, summary) => {
    spec
      .given(assigned)
      .when(draftVerdict(factChecker, { summary }))
      .thenThrows('validation_failed');
  });

  it.each([
    ['without an http(s) URL', { ...coalSources[0]!, url: 'ftp://tjj.shanxi.gov.cn/gb.pdf' }],
    ['without a title', { ...coalSources[0]!, title: ' ' }],
  ])('a source %s is refused', (_what, source) => {
    spec
      .given(assigned)
      .when(draftVerdict(factChecker, { sources: [source] }))
      .thenThrows('validation_failed');
  });

  it('a submitted verdict cannot be redrafted while it is under review', () => {
    spec.given(inReview).when(draftVerdict(factChecker)).thenThrows('invalid_transition');
  });

  it('a withdrawn claim takes no verdict', () => {
    spec
      .given([...assigned, claimWas.withdrawn()])
      .when(draftVerdict(factChecker))
      .thenThrows('invalid_transition');
  });

  it('drafting on a claim that does not exist is not_found', () => {
    spec.given([]).when(draftVerdict(factChecker)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'auditor', 'admin']))(
    '%s cannot draft a verdict',
    (_role, actor) => {
      spec.given(assigned).when(draftVerdict(actor)).thenThrows('forbidden');
    },
  );
});

describe('submitting a verdict for review', () => {
  it('the fact-checker submits their draft', () => {
    spec
      .given(drafted)
      .when(submit(factChecker))
      .then([claimWas.submitted(1, factChecker.sub)]);
  });

  it('a colleague may submit the draft, and is recorded as its submitter', () => {
    spec
      .given(drafted)
      .when(submit(otherFactChecker))
      .then([claimWas.submitted(1, otherFactChecker.sub)]);
  });

  it('a reworked draft is submitted again under its version', () => {
    spec
      .given([...rejected, claimWas.drafted(1, factChecker.sub)])
      .when(submit(factChecker))
      .then([claimWas.submitted(1, factChecker.sub)]);
  });

  it('a new version over a published verdict is submitted as version 2', () => {
    spec
      .given([...published, claimWas.drafted(2, factChecker.sub)])
      .when(submit(factChecker))
      .then([claimWas.submitted(2, factChecker.sub)]);
  });

  it('a verdict without a source cannot be submitted', () => {
    const refusal = spec
      .given([...assigned, claimWas.drafted(1, factChecker.sub, { sources: [] })])
      .when(submit(factChecker))
      .thenThrows('verdict_needs_source');
    expect(refusal.details).toEqual({ field: 'sources' });
  });

  it('a claim without a draft has nothing to submit', () => {
    spec
      .given(assigned)
      .when(submit(factChecker))
      .thenThrows('invalid_transition', /No draft/);
  });

  it('a published verdict is not submitted again', () => {
    spec.given(published).when(submit(factChecker)).thenThrows('invalid_transition');
  });

  it('a verdict already in review cannot be submitted twice', () => {
    spec
      .given(inReview)
      .when(submit(factChecker))
      .thenThrows('invalid_transition', /already submitted/);
  });

  it('a withdrawn claim’s draft cannot be submitted', () => {
    spec
      .given([...drafted, claimWas.withdrawn()])
      .when(submit(factChecker))
      .thenThrows('invalid_transition');
  });

  it('submitting on a claim that does not exist is not_found', () => {
    spec.given([]).when(submit(factChecker)).thenThrows('not_found');
  });

  it.each(withRoles(['editor', 'auditor', 'admin']))(
    '%s cannot submit a verdict',
    (_role, actor) => {
      spec.given(drafted).when(submit(actor)).thenThrows('forbidden');
    },
  );
});
