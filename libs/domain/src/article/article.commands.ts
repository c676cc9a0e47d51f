import type { CaptureFormat } from '@marginalia/text';
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
  actor: Actor;
}

/** A re-import of the source as a new revision (SPEC §2). */
export interface ReviseArticle {
  type: 'ReviseArticle';
  articleId: string;
  content: string;
  format: CaptureFormat | null;
  reason: string;
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
