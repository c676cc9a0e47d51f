import { checkSelectorUnicode, resolveSelector, type Selector } from '@marginalia/anchoring';
import type { Anchor } from '../shared/anchor';
import { refuse } from '../shared/domain-error';
import type { ReanchorOutcome } from '../shared/reanchoring';
import { type Article, type ArticleRevision, currentRevision, findRevision } from './article.state';

/** What the newsroom points at: a selector in a revision of the article, the current by default. */
export interface Selection {
  selector: Selector;
  revision?: number;
}

/**
 * A new anchor on the passage the newsroom pointed at. One on an older revision follows its
 * passage to the current revision (`followTo`) in the same append as the annotation.
 */
export interface NewAnchor {
  anchor: Anchor;
  followTo: number | null;
}

/**
 * Resolves the selection in its revision of the article, refusing in the order of SPEC §8:
 * invalid Unicode in the selector, then an unknown revision, then (a withdrawn article, then)
 * the span and quote checks.
 */
export function anchorSelection(article: Article, { selector, revision }: Selection): NewAnchor {
  checkSelectorUnicode(selector, 'selector.');
  const target = namedRevision(article, revision);
  if (article.status === 'withdrawn') {
    refuse('invalid_transition', `Article ${article.articleId} was withdrawn`);
  }
  const resolved = resolveSelector(target.text, selector);
  const anchor: Anchor = { ...resolved, revision: target.revision, state: 'anchored' };
  const current = currentRevision(article).revision;
  return { anchor, followTo: target.revision < current ? current : null };
}

/** An editor's note may name no passage; a revision it names must still exist. */
export function optionalAnchorSelection(
  article: Article,
  { selector, revision }: Partial<Selection>,
): NewAnchor | null {
  if (selector) return anchorSelection(article, { selector, revision });
  if (revision !== undefined) namedRevision(article, revision);
  return null;
}

/**
 * A passage put back by hand is stored where it stands in the current revision; one that is not
 * there any more cannot be put back.
 */
export function anchorByHand(selected: NewAnchor, followedTo: ReanchorOutcome | null): Anchor {
  if (followedTo?.method === 'orphaned') {
    refuse('invalid_transition', 'That passage is not in the current revision');
  }
  return followedTo?.anchor ?? selected.anchor;
}

/** The revision the newsroom named, or the current one. */
function namedRevision(article: Article, revision?: number): ArticleRevision {
  return (
    findRevision(article, revision ?? currentRevision(article).revision) ??
    refuse('revision_not_found', `Article ${article.articleId} has no revision ${revision}`)
  );
}
