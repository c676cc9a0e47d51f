import { RevisionText } from '@marginalia/anchoring';
import type { Anchor, CorrectionKind } from '@marginalia/domain';
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

export interface ViewInput {
  article: ArticleRow;
  /** The text of a revision of this article. */
  textOf: (revision: number) => string;
  claims: readonly ClaimRow[];
  corrections: readonly CorrectionRow[];
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
    return {
      ...anchor,
      utf16Start: text.utf16Offset(anchor.start),
      utf16End: text.utf16Offset(anchor.end),
    };
  };

  const annotations: ViewAnnotation[] = [
    ...claims
      .filter((row) => row.status !== 'withdrawn')
      .map((row) => ({
        id: row.id,
        type: 'claim' as const,
        status: row.status,
        anchor: withOffsets(row.claim.anchor),
        statement: row.claim.statement,
        rating: row.claim.published?.rating ?? null,
      })),
    ...corrections
      .filter((row) => row.status !== 'withdrawn' && row.status !== 'rejected')
      .map((row) => ({
        id: row.id,
        type: 'correction' as const,
        status: row.status,
        anchor: withOffsets(row.correction.anchor),
        kind: row.correction.kind,
        replacement: row.correction.replacement,
      })),
  ].sort(byPlace);

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
      kind: row.correction.kind,
      notice: row.correction.notice,
      revision: row.correction.publishedRevision ?? revision,
      publishedAt: row.publishedAt!,
    }));

  return {
    articleId: article.id,
    title: article.title,
    revision,
    text: text.text,
    position: Math.max(
      article.position,
      ...claims.map((r) => r.position),
      ...corrections.map((r) => r.position),
    ),
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
  const starts = new Map<number, string[]>();
  const ends = new Map<number, Set<string>>();
  const cuts = new Set<number>([0, length]);
  for (const { id, anchor } of annotations) {
    if (!anchor || anchor.start >= anchor.end || anchor.end > length) continue;
    (starts.get(anchor.start) ?? starts.set(anchor.start, []).get(anchor.start)!).push(id);
    (ends.get(anchor.end) ?? ends.set(anchor.end, new Set()).get(anchor.end)!).add(id);
    cuts.add(anchor.start).add(anchor.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const order = new Map(annotations.map((a, index) => [a.id, index]));
  let active: string[] = [];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i]!;
    const ending = ends.get(start);
    if (ending) active = active.filter((id) => !ending.has(id));
    const starting = starts.get(start);
    if (starting) {
      active = [...active, ...starting].sort((a, b) => order.get(a)! - order.get(b)!);
    }
    segments.push({ start, end: points[i + 1]!, annotationIds: active });
  }
  return segments;
}

function byPlace(a: ViewAnnotation, b: ViewAnnotation): number {
  const start = (x: ViewAnnotation) => x.anchor?.start ?? Number.MAX_SAFE_INTEGER;
  return start(a) - start(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
