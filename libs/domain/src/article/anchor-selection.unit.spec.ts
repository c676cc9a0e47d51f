import { fold } from '../shared/decider';
import type { ReanchorOutcome } from '../shared/reanchoring';
import {
  anchorOf,
  articleImported,
  articleReimported,
  COAL_CLAIM,
  COAL_TEXT,
  ids,
} from '../testing/fixtures';
import {
  anchorByHand,
  anchorSelection,
  type NewAnchor,
  optionalAnchorSelection,
} from './anchor-selection';
import { articleDecider } from './article.decide';
import type { ArticleEvent } from './article.events';
import type { Article } from './article.state';

const articleId = ids.coalArticle;
const REVISION_2 = `【导语】山西代表团媒体开放日。\n${COAL_TEXT}`;
const imported = articleImported(articleId, COAL_TEXT);
const revised = articleReimported(articleId, 2, REVISION_2);
const withdrawn: ArticleEvent = {
  type: 'ArticleWithdrawn',
  data: { articleId, reason: '重复稿件' },
};
const articleAfter = (...events: ArticleEvent[]) => fold(articleDecider, events) as Article;

/** The refusal's code, or undefined when nothing was refused. */
function refusalOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('anchoring a new annotation on the passage the newsroom pointed at', () => {
  it('given one revision, when a quote is selected, then it is anchored there and follows nowhere', () => {
    expect(anchorSelection(articleAfter(imported), { selector: { exact: COAL_CLAIM } })).toEqual({
      anchor: anchorOf(COAL_TEXT, COAL_CLAIM, 1),
      followTo: null,
    });
  });

  it('given two revisions, when the first is named, then the anchor is there and follows to the second', () => {
    const selected = anchorSelection(articleAfter(imported, revised), {
      selector: { exact: COAL_CLAIM },
      revision: 1,
    });
    expect(selected).toEqual({ anchor: anchorOf(COAL_TEXT, COAL_CLAIM, 1), followTo: 2 });
  });

  it('given two revisions, when none is named, then the current one is meant', () => {
    const selected = anchorSelection(articleAfter(imported, revised), {
      selector: { exact: COAL_CLAIM },
    });
    expect(selected).toEqual({ anchor: anchorOf(REVISION_2, COAL_CLAIM, 2), followTo: null });
  });

  it.each([
    ['a lone surrogate in the quote', { exact: 'a\ud800b' }, 'selector.exact'],
    ['a prefix not in NFC', { exact: COAL_CLAIM, prefix: 'e\u0301' }, 'selector.prefix'],
    ['a suffix with a lone surrogate', { exact: COAL_CLAIM, suffix: '\udc00' }, 'selector.suffix'],
  ])(
    'when %s is sent, then it is invalid_unicode, named as the request names it',
    (_, selector, field) => {
      const refuse = () => anchorSelection(articleAfter(imported), { selector });
      expect(refuse).toThrow(expect.objectContaining({ code: 'invalid_unicode', field }));
    },
  );

  it('refuses in the SPEC §8 order: invalid Unicode, then the revision, then the quote', () => {
    const article = articleAfter(imported);
    expect(
      refusalOf(() => anchorSelection(article, { selector: { exact: '\udc00' }, revision: 9 })),
    ).toBe('invalid_unicode');
    expect(
      refusalOf(() => anchorSelection(article, { selector: { exact: '不在文中' }, revision: 9 })),
    ).toBe('revision_not_found');
    expect(refusalOf(() => anchorSelection(article, { selector: { exact: '不在文中' } }))).toBe(
      'quote_not_found',
    );
  });

  it('given a withdrawn article, when a passage is selected, then it is an invalid transition, after the revision check', () => {
    const article = articleAfter(imported, withdrawn);
    expect(refusalOf(() => anchorSelection(article, { selector: { exact: COAL_CLAIM } }))).toBe(
      'invalid_transition',
    );
    expect(
      refusalOf(() => anchorSelection(article, { selector: { exact: COAL_CLAIM }, revision: 2 })),
    ).toBe('revision_not_found');
  });
});

describe('an editor’s note that names no passage', () => {
  it('given no selector, then there is no anchor, and a named revision must exist', () => {
    const article = articleAfter(imported, revised);
    expect(optionalAnchorSelection(article, {})).toBeNull();
    expect(optionalAnchorSelection(article, { revision: 1 })).toBeNull();
    expect(refusalOf(() => optionalAnchorSelection(article, { revision: 3 }))).toBe(
      'revision_not_found',
    );
  });

  it('given a selector, then it is anchored as any selection', () => {
    expect(
      optionalAnchorSelection(articleAfter(imported), { selector: { exact: COAL_CLAIM } }),
    ).toEqual({ anchor: anchorOf(COAL_TEXT, COAL_CLAIM, 1), followTo: null });
  });
});

describe('a passage put back by hand', () => {
  const onRevision1: NewAnchor = { anchor: anchorOf(COAL_TEXT, COAL_CLAIM, 1), followTo: 2 };
  const inRevision2 = anchorOf(REVISION_2, COAL_CLAIM, 2);

  it('is stored where it stands in the current revision, or where it was selected', () => {
    const shifted: ReanchorOutcome = { method: 'shifted', score: 1, anchor: inRevision2 };
    expect(anchorByHand(onRevision1, shifted)).toEqual(inRevision2);
    expect(anchorByHand({ anchor: inRevision2, followTo: null }, null)).toEqual(inRevision2);
  });

  it('is refused when the passage is not in the current revision', () => {
    const lost: ReanchorOutcome = {
      method: 'orphaned',
      score: 0.2,
      reason: 'passage_deleted',
      revision: 2,
    };
    expect(refusalOf(() => anchorByHand(onRevision1, lost))).toBe('invalid_transition');
  });
});
