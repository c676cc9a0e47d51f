/** The annotated view as `GET /v1/articles/{id}/view` answers it (SPEC §6, §8). */
export interface Anchor {
  revision: number;
  start: number;
  end: number;
  utf16Start?: number;
  utf16End?: number;
  exact: string;
  prefix: string;
  suffix: string;
  state: 'anchored' | 'orphaned';
}

export interface ViewAnnotation {
  id: string;
  type: 'claim' | 'correction';
  status: string;
  anchor: Anchor | null;
  statement?: string;
  rating?: string | null;
  kind?: string;
  replacement?: string | null;
}

export interface Segment {
  start: number;
  end: number;
  annotationIds: string[];
}

export interface Notice {
  correctionId: string;
  kind: string;
  notice: string;
  revision: number;
  publishedAt: string;
}

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

/** The W3C TextQuoteSelector and TextPositionSelector in one, as the API takes it (SPEC §3). */
export interface Selector {
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

/** An article's metadata as `GET /v1/articles/{id}` answers it (SPEC §6). */
export interface ArticleMetadata {
  id: string;
  title: string;
  language: string;
  format: string;
  status: 'active' | 'withdrawn';
  source: { url: string | null; publisher: string | null; publishedAt: string | null };
  revision: number;
  textSha256: string;
  revisions: Array<{ revision: number; textSha256: string; correctionId: string | null }>;
  version: number;
}

/** One revision's text, `GET /v1/articles/{id}/text?revision=n`. */
export interface RevisionText {
  revision: number;
  text: string;
  textSha256: string;
}
