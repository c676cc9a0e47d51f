import { RevisionText } from '@marginalia/anchoring';
import type { Anchor, ClaimStatus, CorrectionKind, CorrectionStatus } from '@marginalia/domain';
import type { ArticleRow } from './article-row';
import type { ClaimRow } from './claim-row';
import type { CorrectionRow } from './correction-row';

export interface ViewAnchor extends Anchor {
  utf16Start: number;
  utf16End: number;
}

export interface ViewAnnotation {
  id: string;
  type: 'claim' | 'correction';
  status: string;
  /** Null for an editor's note about the whole article, or a correction that deleted its span. */
  anchor: ViewAnchor | null;
  statement?: string;
  /** The published verdict's rating, null when none stands. */
  rating?: string | null;
  kind?: CorrectionKind;
  replacement?: string | null;
}

export interface Segment {
  start: number;
  end: number;
  annotationIds: string[];
}

export interface Notice {
  correctionId: string;
  kind: CorrectionKind;
  notice: string;
  revision: number;
  publishedAt: string;
}

/** The annotated view of SPEC §6. */
export interface AnnotatedView {
  articleId: string;
  title: string;
  revision: number;
  text: string;
  position: number;
  annotations: ViewAnnotation[];
  segments: Segment[];
  notices: Notice[];
}

/**
 * What the view shows of a claim: a few fields of its `ClaimRow` (not the verdict history nor
 * the drafts), kept beside the row in the read models so that a view reads and parses no more.
 */
export interface ClaimInView {
  id: string;
  status: ClaimStatus;
  anchor: Anchor;
  statement: string;
  /** The published verdict's rating, null when none stands. */
  rating: string | null;
  position: number;
}

/** What the view shows of a correction, from its `CorrectionRow`. */
export interface CorrectionInView {
  id: string;
  status: CorrectionStatus;
  anchor: Anchor | null;
  kind: CorrectionKind;
  replacement: string | null;
  notice: string;
  publishedRevision: number | null;
  publishedAt: string | null;
  position: number;
}

export function claimInView(row: ClaimRow): ClaimInView {
  return {
    id: row.id,
    status: row.status,
    anchor: row.claim.anchor,
    statement: row.claim.statement,
    rating: row.claim.published?.rating ?? null,
    position: row.position,
  };
}

export function correctionInView(row: CorrectionRow): CorrectionInView {
  const { anchor, kind, replacement, notice, publishedRevision } = row.correction;
  return {
    id: row.id,
    status: row.status,
    anchor,
    kind,
    replacement,
    notice,
    publishedRevision,
    publishedAt: row.publishedAt,
    position: row.position,
  };
}

export interface ViewInput {
  article: ArticleRow;
  /** The text of a revision of this article. */
  textOf: (revision: number) => string;
  claims: readonly ClaimInView[];
  corrections: readonly CorrectionInView[];
}

/**
 * The article's current revision with every claim and correction that is not withdrawn or
 * rejected (SPEC §8 "The view"). Segments partition the whole text and cover only annotations
 * anchored in this revision; orphans keep their last anchor and have no segment.
 */
export function renderView({ article, textOf, claims, corrections }: ViewInput): AnnotatedView {
  const texts = new Map<number, RevisionText>();
  const indexed = (revision: number) => {
    let text = texts.get(revision);
    if (!text) texts.set(revision, (text = RevisionText.of(textOf(revision))));
    return text;
  };
  const withOffsets = (anchor: Anchor | null): ViewAnchor | null => {
    if (!anchor) return null;
    const text = indexed(anchor.revision);
    // Field by field: `{ ...anchor, utf16Start, utf16End }` costs V8 a slow copy per anchor,
    // most of the rendering time of a view with a thousand annotations.
    const { revision, start, end, exact, prefix, suffix, state } = anchor;
    return {
      revision,
      start,
      end,
      exact,
      prefix,
      suffix,
      state,
      utf16Start: text.utf16Offset(start),
      utf16End: text.utf16Offset(end),
    };
  };

  const annotations: ViewAnnotation[] = [];
  let position = article.position;
  for (const claim of claims) {
    position = Math.max(position, claim.position);
    if (claim.status === 'withdrawn') continue;
    annotations.push({
      id: claim.id,
      type: 'claim',
      status: claim.status,
      anchor: withOffsets(claim.anchor),
      statement: claim.statement,
      rating: claim.rating,
    });
  }
  for (const correction of corrections) {
    position = Math.max(position, correction.position);
    if (correction.status === 'withdrawn' || correction.status === 'rejected') continue;
    annotations.push({
      id: correction.id,
      type: 'correction',
      status: correction.status,
      anchor: withOffsets(correction.anchor),
      kind: correction.kind,
      replacement: correction.replacement,
    });
  }
  annotations.sort(byPlace);

  const revision = article.revision;
  const text = indexed(revision);
  const here = annotations.filter(
    (a) => a.anchor?.state === 'anchored' && a.anchor.revision === revision,
  );
  const notices = corrections
    .filter((row) => row.status === 'published' && row.publishedAt !== null)
    .sort((a, b) => b.position - a.position)
    .map((row) => ({
      correctionId: row.id,
      kind: row.kind,
      notice: row.notice,
      revision: row.publishedRevision ?? revision,
      publishedAt: row.publishedAt!,
    }));

  return {
    articleId: article.id,
    title: article.title,
    revision,
    text: text.text,
    position,
    annotations,
    segments: partition(text.length, here),
    notices,
  };
}

/**
 * Consecutive pieces from 0 to the end of the text, cut wherever an annotation starts or ends,
 * each naming the annotations that cover it (in the order of `annotations`). One sweep over
 * the cut points, so a view with thousands of annotations stays linear in its output.
 */
export function partition(length: number, annotations: readonly ViewAnnotation[]): Segment[] {
  // Annotations are named by their index in `annotations`, so the ones over a piece stay in
  // that order by merging sorted lists, never by sorting them again at every cut.
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  const cuts = new Set<number>([0, length]);
  annotations.forEach(({ anchor }, index) => {
    if (!anchor || anchor.start >= anchor.end || anchor.end > length) return;
    (starts.get(anchor.start) ?? starts.set(anchor.start, []).get(anchor.start)!).push(index);
    (ends.get(anchor.end) ?? ends.set(anchor.end, []).get(anchor.end)!).push(index);
    cuts.add(anchor.start).add(anchor.end);
  });
  const points = [...cuts].sort((a, b) => a - b);
  let active: number[] = [];
  let annotationIds: string[] = [];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i]!;
    const ending = ends.get(start);
    const starting = starts.get(start);
    if (ending) active = without(active, ending);
    if (starting) active = merged(active, starting);
    if (ending || starting) annotationIds = active.map((index) => annotations[index]!.id);
    segments.push({ start, end: points[i + 1]!, annotationIds });
  }
  return segments;
}

/** The ascending `list` without the ascending `removed`. */
function without(list: readonly number[], removed: readonly number[]): number[] {
  const kept: number[] = [];
  let r = 0;
  for (const value of list) {
    while (r < removed.length && removed[r]! < value) r += 1;
    if (removed[r] !== value) kept.push(value);
  }
  return kept;
}

/** The ascending lists `a` and `b`, which share nothing, as one ascending list. */
function merged(a: readonly number[], b: readonly number[]): number[] {
  const all: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) all.push(a[i++]!);
    else all.push(b[j++]!);
  }
  return all;
}

function byPlace(a: ViewAnnotation, b: ViewAnnotation): number {
  const start = (x: ViewAnnotation) => x.anchor?.start ?? Number.MAX_SAFE_INTEGER;
  return start(a) - start(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
