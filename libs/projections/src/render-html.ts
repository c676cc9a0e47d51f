import type { AnnotatedView, ViewAnnotation } from './annotated-view';

export interface HtmlLabels {
  /** The label of a rating id (the rating scale's labels); the id itself when unknown. */
  rating?: (id: string) => string;
}

/**
 * The annotated view as a standalone HTML page: the text with one `<mark>` per annotated
 * segment (overlaps are split at every boundary, never nested wrongly), each naming its
 * annotations and their statuses; the verdict ratings and the correction notices beside it.
 * Every piece of text is escaped.
 */
export function renderViewHtml(view: AnnotatedView, labels: HtmlLabels = {}): string {
  const byId = new Map(view.annotations.map((a) => [a.id, a]));
  const chars = Array.from(view.text);
  const text = view.segments
    .map(({ start, end, annotationIds }) => {
      const piece = escapeHtml(chars.slice(start, end).join(''));
      if (annotationIds.length === 0) return piece;
      const statuses = annotationIds.map((id) => byId.get(id)?.status ?? 'unknown');
      return `<mark data-annotation-ids="${attr(annotationIds.join(' '))}" data-statuses="${attr(
        statuses.join(' '),
      )}">${piece}</mark>`;
    })
    .join('');
  const notices = view.notices
    .map(
      (n) =>
        `<li data-correction-id="${attr(n.correctionId)}" data-kind="${attr(n.kind)}"><strong>${escapeHtml(
          n.kind,
        )}</strong> ${escapeHtml(n.notice)} <small>revision ${n.revision}, ${escapeHtml(n.publishedAt)}</small></li>`,
    )
    .join('\n');
  const annotations = view.annotations.map((a) => annotationItem(a, labels)).join('\n');
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(view.title)} (revision ${view.revision})</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.7; }
.text { white-space: pre-wrap; }
mark { background: #fff3b0; }
mark[data-statuses~="published"] { background: #c8f0c8; }
.orphaned { color: #a00; }
</style>
</head>
<body>
<article data-article-id="${attr(view.articleId)}" data-revision="${view.revision}" data-position="${view.position}">
<h1>${escapeHtml(view.title)}</h1>
<section class="notices"><h2>Corrections and notices</h2>
<ol>${notices}</ol></section>
<div class="text">${text}</div>
<section class="annotations"><h2>Annotations</h2>
<ol>${annotations}</ol></section>
</article>
</body>
</html>
`;
}

function annotationItem(a: ViewAnnotation, labels: HtmlLabels): string {
  const where = !a.anchor
    ? 'the whole article'
    : a.anchor.state === 'orphaned'
      ? `<span class="orphaned">orphaned</span>: “${escapeHtml(a.anchor.exact)}”`
      : `“${escapeHtml(a.anchor.exact)}”`;
  const detail =
    a.type === 'claim'
      ? `${escapeHtml(a.statement ?? '')}${a.rating ? ` — <strong class="rating">${escapeHtml(labels.rating?.(a.rating) ?? a.rating)}</strong>` : ''}`
      : `${escapeHtml(a.kind ?? '')}${a.replacement !== null && a.replacement !== undefined ? ` → “${escapeHtml(a.replacement)}”` : ''}`;
  return `<li id="annotation-${attr(a.id)}" data-type="${a.type}" data-status="${attr(a.status)}">${detail} <small>(${escapeHtml(a.status)}; ${where})</small></li>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attr(text: string): string {
  return escapeHtml(text);
}
