import { Injectable } from '@nestjs/common';
import {
  type Article,
  articleDecider,
  type ArticleEvent,
  type ArticleState,
  type NewAnchor,
  type ReanchorOutcome,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore } from './aggregate-store';
import { FoldedCache, type FoldedCacheLimits } from './folded-cache';
import { AnchorFollowing } from './anchor-following';

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
   * Where a new anchor on an older revision stands in the current one (`anchorSelection` says
   * which), worked out off the event loop; null for an anchor on the current revision.
   */
  followToCurrent(article: Article, selected: NewAnchor): Promise<ReanchorOutcome | null> {
    if (selected.followTo === null) return Promise.resolve(null);
    return this.following.follow(article, selected.anchor, selected.followTo);
  }
}
