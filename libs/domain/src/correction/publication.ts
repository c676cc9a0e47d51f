import { anchorAt, RevisionText } from '@marginalia/anchoring';
import { type Article, type ArticleRevision, currentRevision } from '../article/article.state';
import type { Anchor } from '../shared/anchor';
import type { Correction } from './correction.state';

/**
 * Why an approved correction cannot be published on its article yet: its passage was not yet
 * looked for in the current revision (follow it first) or is lost there (amend it first). A correction whose revision is
 * already applied, or that names no passage, can always be published.
 */
export function publicationWaitsFor(
  correction: Correction,
  article: Article,
): 'behind' | 'orphaned' | null {
  const { anchor } = correction;
  const applied = article.revisions.some((r) => r.correctionId === correction.correctionId);
  if (applied || !anchor) return null;
  // An orphan's anchor stays where it was last found; the revision it was looked for in counts.
  if (correction.followsRevision < currentRevision(article).revision) return 'behind';
  if (anchor.state === 'orphaned') return 'orphaned';
  return null;
}

/**
 * Where a published correction points: the replacement's text in the revision it produced, or
 * nowhere when it deleted its span.
 */
export function publishedAnchor(
  replaced: Anchor,
  replacement: string,
  produced: ArticleRevision,
): Anchor | null {
  if (replacement === '') return null;
  const text = RevisionText.of(produced.text);
  const end = replaced.start + RevisionText.of(replacement).length;
  return { ...anchorAt(text, replaced.start, end), revision: produced.revision, state: 'anchored' };
}
