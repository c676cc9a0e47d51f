import type { ArticleText, CaptureFormat } from '@marginalia/text';
import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import type { ArticleSource, CorrectionKind } from './article.events';

export interface ImportArticle {
  type: 'ImportArticle';
  articleId: string;
  title: string;
  language: string;
  format: CaptureFormat;
  content: string;
  source: ArticleSource;
  externalId: string | null;
  /** The capture's text, derived beforehand (off the event loop), or why it has none. */
  derived?: DerivedText;
  actor: Actor;
}

/**
 * What the text rules made of a capture, worked out by the caller before the decision, or the
 * refusal they raised; the decision raises it in its own order of checks. When absent, the
 * decision derives the text itself.
 */
export type DerivedText = ArticleText | Error;

/** A re-import of the source as a new revision (SPEC §2). */
export interface ReviseArticle {
  type: 'ReviseArticle';
  articleId: string;
  content: string;
  format: CaptureFormat | null;
  reason: string;
  /** The capture's text in `format`, else in the article's format; see DerivedText. */
  derived?: DerivedText;
  actor: Actor;
}

/** The system applies an approved correction's replacement, making a new revision. */
export interface ApplyCorrection {
  type: 'ApplyCorrection';
  articleId: string;
  correction: {
    correctionId: string;
    kind: CorrectionKind;
    anchor: Anchor;
    replacement: string;
    notice: string;
  };
  actor: Actor;
}

export interface WithdrawArticle {
  type: 'WithdrawArticle';
  articleId: string;
  reason: string;
  actor: Actor;
}

export type ArticleCommand = ImportArticle | ReviseArticle | ApplyCorrection | WithdrawArticle;
