import type { CaptureFormat } from '@marginalia/text';
import { unreachable } from '../shared/decider';
import type { ArticleEvent, ArticleSource } from './article.events';

export interface ArticleRevision {
  revision: number;
  text: string;
  textSha256: string;
  /** The correction that produced this revision, if one did. */
  correctionId: string | null;
}

export interface Article {
  articleId: string;
  status: 'active' | 'withdrawn';
  title: string;
  language: string;
  format: CaptureFormat;
  source: ArticleSource;
  externalId: string | null;
  /** Every revision, oldest first; a revision's text never changes. */
  revisions: ArticleRevision[];
}

/** An article's state; `null` until it is imported. */
export type ArticleState = Article | null;

export const initialArticleState = (): ArticleState => null;

export function evolveArticle(state: ArticleState, event: ArticleEvent): ArticleState {
  switch (event.type) {
    case 'ArticleImported': {
      const { data } = event;
      return {
        articleId: data.articleId,
        status: 'active',
        title: data.title,
        language: data.language,
        format: data.format,
        source: data.source,
        externalId: data.externalId,
        revisions: [
          { revision: 1, text: data.text, textSha256: data.textSha256, correctionId: null },
        ],
      };
    }
    case 'ArticleRevised': {
      if (!state) return state;
      const { data } = event;
      const correctionId = data.cause.kind === 'correction' ? data.cause.correctionId : null;
      return {
        ...state,
        format: data.format ?? state.format,
        revisions: [
          ...state.revisions,
          { revision: data.revision, text: data.text, textSha256: data.textSha256, correctionId },
        ],
      };
    }
    case 'ArticleWithdrawn':
      return state && { ...state, status: 'withdrawn' };
    default:
      return unreachable(event);
  }
}

export function currentRevision(article: Article): ArticleRevision {
  return article.revisions[article.revisions.length - 1]!;
}

export function findRevision(article: Article, revision: number): ArticleRevision | undefined {
  return article.revisions[revision - 1];
}
