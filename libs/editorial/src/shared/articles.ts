import { Injectable } from '@nestjs/common';
import { resolveSelector, type Selector } from '@marginalia/anchoring';
import {
  type Anchor,
  type Article,
  articleDecider,
  type ArticleEvent,
  type ArticleState,
  currentRevision,
  findRevision,
  type ReanchorOutcome,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore } from './aggregate-store';
import { FoldedCache, type FoldedCacheLimits } from './folded-cache';
import { AnchorFollowing } from './anchor-following';
import { checkSelectorText } from './selector-text';

/** Where a new annotation points: its anchor where the client pointed, and where that is now. */
export interface Placement {
  anchor: Anchor;
  /** When placed on an older revision: the outcome of following it to the current one. */
  followedTo: ReanchorOutcome | null;
}

/**
 * Folded articles kept between commands: at most 1,000 articles and 16 Mi code units of
 * revision text (32 MiB: a UTF-16 code unit is 2 bytes).
 */
export const FOLDED_ARTICLE_LIMITS: FoldedCacheLimits = { entries: 1000, weight: 16 * 2 ** 20 };

/** An article's weight in the cache: the code units of its revisions' texts, and a little. */
const articleWeight = (article: Article) =>
  article.revisions.reduce((sum, revision) => sum + 64 + revision.text.length, 256);

@Injectable()
export class Articles {
  /**
   * Every capture, proposal and follow-up needs the article: folding its stream each time
   * parsed the import event, raw capture included, again and again. Only the events stored
   * after the cached revision are read now.
   */
  private readonly folded = new FoldedCache<Article>(FOLDED_ARTICLE_LIMITS, articleWeight);

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly following: AnchorFollowing,
  ) {}

  async get(articleId: string): Promise<{ article: Article; version: number }> {
    const streamId = streams.article(articleId);
    const { state, version } = await this.aggregates.load<ArticleState, ArticleEvent>(
      articleDecider,
      streamId,
      this.folded.get(streamId),
    );
    if (!state || version === undefined) refuse('not_found', `No article ${articleId}`);
    this.folded.set(streamId, state, version);
    return { article: state, version };
  }

  /**
   * Resolves a client's selector in a revision (the current one by default), refusing in the
   * order of SPEC §8: invalid Unicode, then an unknown revision, then the span and quote checks.
   */
  async place(article: Article, selector: Selector, revision?: number): Promise<Placement> {
    checkSelectorText(selector);
    const current = currentRevision(article).revision;
    const target = findRevision(article, revision ?? current);
    if (!target)
      refuse('revision_not_found', `Article ${article.articleId} has no revision ${revision}`);
    if (article.status === 'withdrawn') {
      refuse('invalid_transition', `Article ${article.articleId} was withdrawn`);
    }
    const resolved = resolveSelector(target.text, selector);
    const anchor: Anchor = { ...resolved, revision: target.revision, state: 'anchored' };
    const followedTo =
      target.revision < current ? await this.following.follow(article, anchor, current) : null;
    return { anchor, followedTo };
  }
}
