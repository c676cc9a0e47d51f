import { admin, auditor, editor, factChecker, standardsEditor, system } from '../testing/fixtures';
import { type Action, may, PERMISSIONS } from './permissions';

const actions = Object.keys(PERMISSIONS) as Action[];

describe('who may do what', () => {
  it.each([
    ['an auditor', auditor],
    ['an admin', admin],
    ['the system, through roles', system],
  ])('%s may write nothing', (_who, actor) => {
    expect(actions.filter((action) => may(actor, action))).toEqual([]);
  });

  it('a standards editor may everything an editor and a fact-checker may', () => {
    const either = actions.filter((action) => may(editor, action) || may(factChecker, action));
    expect(either.every((action) => may(standardsEditor, action))).toBe(true);
  });

  it('only a standards editor reviews verdicts and corrections', () => {
    const reviews: Action[] = [
      'verdict.approve',
      'verdict.reject',
      'verdict.retract',
      'correction.approve',
      'correction.reject',
    ];
    expect(reviews.map((action) => [may(editor, action), may(factChecker, action)])).toEqual(
      reviews.map(() => [false, false]),
    );
    expect(reviews.every((action) => may(standardsEditor, action))).toBe(true);
  });

  it('a fact-checker captures, edits and takes claims, and drafts and submits verdicts', () => {
    expect(actions.filter((action) => may(factChecker, action))).toEqual([
      'claim.capture',
      'claim.edit',
      'claim.assign',
      'verdict.draft',
      'verdict.submit',
    ]);
  });

  it('an editor handles articles, claims and corrections but no verdict', () => {
    expect(actions.filter((action) => may(editor, action))).toEqual([
      'article.import',
      'article.revise',
      'article.withdraw',
      'claim.capture',
      'claim.edit',
      'claim.assign',
      'claim.assign_others',
      'claim.withdraw',
      'correction.propose',
      'correction.amend',
      'correction.withdraw',
    ]);
  });
});
