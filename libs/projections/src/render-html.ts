import { DEFAULT_RATING_SCALE, type RatingScale } from '@marginalia/domain';
import type { AnnotatedView, Notice, ViewAnnotation } from './annotated-view';
import { PAGE_WORDS, pageLocaleOf, type PageWords, ratingLabel } from './html-view-words';
import { HTML_VIEW_STYLE } from './html-view-style';
import { dateForPeople } from './people-dates';

/** What the page says of the article beside its view (from the article's resource). */
export interface HtmlViewOptions {
  /** The article's BCP 47 language: the page's `lang`, and its own words' when Chinese. */
  language?: string;
  /** The article's publication time as its source gave it (ISO 8601). */
  publishedAt?: string | null;
  publisher?: string | null;
  /** The configured scale, for the ratings' labels; SPEC §5's default when not given. */
  ratingScale?: RatingScale;
  /** The point of the log a replayed view stands at, as the request gave it. */
  replayed?: { at: number } | { asOf: string };
}

/** A mark's tooltip names this many of its annotations, then counts the rest. */
const TOOLTIP_ANNOTATIONS = 3;
/** Code points of a statement or replacement in a tooltip: the list below has them whole. */
const TOOLTIP_TEXT = 120;
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * The annotated view as a standalone page a newsroom can share: the text with one `<mark>` per
 * annotated segment (overlaps are split at every boundary, never nested wrongly), each with a
 * tooltip naming its annotations; a published rating's label right after its claim's text; the
 * notices (no heading when there are none) and the list of annotations. In the article's
 * language, dates in words. Every piece of input is escaped; the work is linear in the text and
 * in the segments' annotations.
 */
export function renderViewHtml(view: AnnotatedView, options: HtmlViewOptions = {}): string {
  const locale = pageLocaleOf(options.language);
  const words = PAGE_WORDS[locale];
  const scale = options.ratingScale ?? DEFAULT_RATING_SCALE;
  const language =
    options.language && LANGUAGE_TAG.test(options.language) ? options.language : locale;
  // The page's own words carry their language when the article's is another (English words
  // on a French article), and quotes of the article then carry its own, so that a screen
  // reader reads each in its voice.
  const other = primarySubtag(language) !== primarySubtag(locale);
  const wordsLang = other ? ` lang="${attr(locale)}"` : '';
  const page = new Page(view, words, (id) => ratingLabel(scale, id, words), {
    words: wordsLang,
    text: other ? ` lang="${attr(language)}"` : '',
  });
  const { replayed } = options;
  const meta = [
    escapeHtml(words.revision(view.revision)),
    options.publishedAt ? `${escapeHtml(words.published)} ${page.time(options.publishedAt)}` : '',
    options.publisher ? `<bdi>${escapeHtml(options.publisher)}</bdi>` : '',
    !replayed
      ? ''
      : 'at' in replayed
        ? escapeHtml(words.replayedAt(replayed.at))
        : `${escapeHtml(words.replayedAsOf)} ${page.time(replayed.asOf)}`,
  ].filter((part) => part !== '');
  const notices =
    view.notices.length === 0
      ? ''
      : `<section class="notices" aria-labelledby="notices"><h2 id="notices"${wordsLang}>${escapeHtml(words.notices)}</h2>
<ol>${view.notices.map((n) => page.notice(n)).join('\n')}</ol></section>\n`;
  const annotations =
    view.annotations.length === 0
      ? ''
      : `<section class="annotations" aria-labelledby="annotations"><h2 id="annotations"${wordsLang}>${escapeHtml(words.annotations)}</h2>
<ol>${view.annotations.map((a) => page.annotationItem(a)).join('\n')}</ol></section>\n`;
  const marked = view.segments.some((s) => s.annotationIds.length > 0);
  return `<!doctype html>
<html lang="${attr(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>\u2068${escapeHtml(view.title)}\u2069 · ${escapeHtml(words.revision(view.revision))}</title>
<style>${HTML_VIEW_STYLE}</style>
</head>
<body>
<article data-article-id="${attr(view.articleId)}" data-revision="${view.revision}" data-position="${view.position}">
<header>
<h1>${escapeHtml(view.title)}</h1>
<p class="meta"${wordsLang}>${meta.join(' · ')}</p>
</header>
${notices}${marked ? `<p class="legend"${wordsLang}>${escapeHtml(words.legend)}</p>\n` : ''}<div class="text">${page.text()}</div>
${annotations}</article>
</body>
</html>
`;
}

/** One page's rendering, with what every segment of it shares computed once. */
class Page {
  private readonly byId: Map<string, ViewAnnotation>;
  private readonly tooltips = new Map<string, string>();

  constructor(
    private readonly view: AnnotatedView,
    private readonly words: PageWords,
    private readonly label: (ratingId: string) => string,
    /** ` lang="…"` attributes for the page's words and the article's text, or none. */
    private readonly lang: { words: string; text: string },
  ) {
    this.byId = new Map(view.annotations.map((a) => [a.id, a]));
  }

  text(): string {
    const { view } = this;
    const chars = Array.from(view.text);
    const ratedAt = new Map<number, ViewAnnotation[]>();
    for (const a of view.annotations) {
      const anchor = a.anchor;
      if (a.type !== 'claim' || !a.rating || !anchor) continue;
      if (anchor.state !== 'anchored' || anchor.revision !== view.revision) continue;
      (ratedAt.get(anchor.end) ?? ratedAt.set(anchor.end, []).get(anchor.end)!).push(a);
    }
    const parts: string[] = [];
    for (const { start, end, annotationIds } of view.segments) {
      const piece = escapeHtml(chars.slice(start, end).join(''));
      parts.push(annotationIds.length === 0 ? piece : this.mark(annotationIds, piece));
      for (const claim of ratedAt.get(end) ?? []) parts.push(this.badge(claim));
    }
    return parts.join('');
  }

  private mark(ids: string[], piece: string): string {
    const annotations = ids.map((id) => this.byId.get(id));
    const types = new Set(annotations.map((a) => a?.type ?? 'claim'));
    const classes = [...types, ...(ids.length > 1 ? ['overlap'] : [])].join(' ');
    const statuses = annotations.map((a) => a?.status ?? 'unknown').join(' ');
    const shown = ids.slice(0, TOOLTIP_ANNOTATIONS).map((id) => this.tooltip(id));
    if (ids.length > TOOLTIP_ANNOTATIONS) {
      shown.push(this.words.more(ids.length - TOOLTIP_ANNOTATIONS));
    }
    return `<mark class="${classes}" data-annotation-ids="${attr(ids.join(' '))}" data-statuses="${attr(
      statuses,
    )}" title="${shown.join('&#10;')}">${piece}</mark>`;
  }

  /** The claim's rating as a link to its entry in the list, named for screen readers. */
  private badge(claim: ViewAnnotation): string {
    const label = this.label(claim.rating!);
    return `<a class="badge" href="#annotation-${attr(claim.id)}" aria-label="${attr(
      this.words.ratingIs(label),
    )}" title="${attr(shorten(claim.statement ?? ''))}">${escapeHtml(label)}</a>`;
  }

  /** One annotation in a mark's tooltip, escaped for an attribute. */
  private tooltip(id: string): string {
    let tip = this.tooltips.get(id);
    if (tip === undefined) {
      const a = this.byId.get(id);
      tip = attr(a ? this.describe(a) : id);
      this.tooltips.set(id, tip);
    }
    return tip;
  }

  /** "Claim: “…” (Rating: Mostly true)", "Correction: becomes “…” (proposed)": plain text. */
  private describe(a: ViewAnnotation): string {
    const { words } = this;
    if (a.type === 'claim') {
      const state = a.rating ? words.ratingIs(this.label(a.rating)) : this.status(a.status);
      return `${words.claim}${words.colon}${words.quote(shorten(a.statement ?? ''))}${words.parenthesis(state)}`;
    }
    const change = this.change(a);
    return `${this.kind(a.kind)}${change ? `${words.colon}${change}` : ''}${words.parenthesis(this.status(a.status))}`;
  }

  private change(a: ViewAnnotation): string {
    if (a.replacement === null || a.replacement === undefined) return '';
    if (a.replacement === '') return this.words.deleted;
    return `${this.words.replacedBy} ${this.words.quote(shorten(a.replacement))}`;
  }

  annotationItem(a: ViewAnnotation): string {
    const { words, lang } = this;
    const quote = (text: string) => `<bdi${lang.text}>${escapeHtml(words.quote(text))}</bdi>`;
    const where = !a.anchor
      ? escapeHtml(words.wholeArticle)
      : a.anchor.state === 'orphaned'
        ? `<span class="orphaned">${escapeHtml(words.orphaned)}</span>${escapeHtml(words.colon)}${quote(a.anchor.exact)}`
        : quote(a.anchor.exact);
    const detail =
      a.type === 'claim'
        ? `<span class="kind">${escapeHtml(words.claim)}</span> <bdi class="statement"${lang.text}>${escapeHtml(
            a.statement ?? '',
          )}</bdi> ${
            a.rating
              ? `<strong class="rating">${escapeHtml(this.label(a.rating))}</strong>`
              : `<span class="unrated">${escapeHtml(words.notRated)}</span>`
          }`
        : `<span class="kind">${escapeHtml(this.kind(a.kind))}</span> ${this.changeHtml(a)}`;
    // The words' brackets are no markup, so they may hold the escaped context as it is.
    // A published correction's anchor is its replacement, said already.
    const said = a.type === 'correction' && a.anchor?.exact === a.replacement;
    const status = escapeHtml(this.status(a.status));
    const context = said ? status : `${status}${escapeHtml(words.comma)}${where}`;
    return `<li id="annotation-${attr(a.id)}" data-type="${a.type}" data-status="${attr(
      a.status,
    )}"${lang.words}>${detail} <small>${words.parenthesis(context).trim()}</small></li>`;
  }

  private changeHtml(a: ViewAnnotation): string {
    if (a.replacement === null || a.replacement === undefined) return '';
    if (a.replacement === '') return escapeHtml(this.words.deleted);
    return `${escapeHtml(this.words.replacedBy)} <bdi class="replacement"${this.lang.text}>${escapeHtml(
      this.words.quote(a.replacement),
    )}</bdi>`;
  }

  notice(n: Notice): string {
    const { lang } = this;
    return `<li data-correction-id="${attr(n.correctionId)}" data-kind="${attr(n.kind)}"${lang.words}><strong>${escapeHtml(
      this.kind(n.kind),
    )}</strong> <bdi class="notice"${lang.text}>${escapeHtml(n.notice)}</bdi> <small>${escapeHtml(
      this.words.revision(n.revision),
    )} · ${this.time(n.publishedAt)}</small></li>`;
  }

  /** A `<time>` with the ISO value, in words when it is a date this reads. */
  time(iso: string): string {
    const inWords = dateForPeople(iso, this.words.dates);
    return `<time datetime="${attr(iso)}">${escapeHtml(inWords ?? iso)}</time>`;
  }

  private status(status: string): string {
    return this.words.statuses[status] ?? status;
  }

  private kind(kind: string | undefined): string {
    return kind === undefined ? this.words.correction : (this.words.kinds[kind] ?? kind);
  }
}

function shorten(text: string): string {
  const chars = Array.from(text.length > TOOLTIP_TEXT * 2 ? text.slice(0, TOOLTIP_TEXT * 2) : text);
  return chars.length > TOOLTIP_TEXT ? `${chars.slice(0, TOOLTIP_TEXT).join('')}…` : text;
}

function primarySubtag(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attr(text: string): string {
  return escapeHtml(text);
}
