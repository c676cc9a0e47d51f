import type { CaptureFormat, Metadata } from '@marginalia/text';
import type { Anchor } from '../shared/anchor';

export interface ArticleSource {
  url: string | null;
  publisher: string | null;
  /** ISO 8601 with offset, when known. */
  publishedAt: string | null;
}

export interface ArticleImported {
  articleId: string;
  title: string;
  language: string;
  format: CaptureFormat;
  source: ArticleSource;
  externalId: string | null;
  /** The capture exactly as received, kept for the audit trail. */
  raw: string;
  text: string;
  textSha256: string;
  revision: 1;
  /** Front matter of an html or markdown capture. */
  metadata: Metadata;
}

export type CorrectionKind = 'correction' | 'clarification' | 'update' | 'editors_note';

/** The correction an article revision applies: its span in the previous revision and its fix. */
export interface AppliedCorrection {
  correctionId: string;
  kind: CorrectionKind;
  anchor: Anchor;
  replacement: string;
  notice: string;
}

export type RevisionCause = { kind: 'correction'; correctionId: string } | { kind: 're_import' };

export interface ArticleRevised {
  articleId: string;
  revision: number;
  text: string;
  textSha256: string;
  cause: RevisionCause;
  reason: string | null;
  /** The new capture, for a re-import; null for a correction. */
  raw: string | null;
  format: CaptureFormat | null;
  correction: AppliedCorrection | null;
}

export interface ArticleWithdrawn {
  articleId: string;
  reason: string;
}

export type ArticleEvent =
  | { type: 'ArticleImported'; data: ArticleImported }
  | { type: 'ArticleRevised'; data: ArticleRevised }
  | { type: 'ArticleWithdrawn'; data: ArticleWithdrawn };
