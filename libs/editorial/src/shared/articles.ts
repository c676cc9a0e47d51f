import { Injectable } from '@nestjs/common';
import { resolveSelector, type Selector } from '@marginalia/anchoring';
import {
  type Anchor,
  type Article,
  articleDecider,
  currentRevision,
  findRevision,
  type ReanchorOutcome,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore } from './aggregate-store';
import { AnchorFollower } from './following';
import { checkSelectorText } from './selector-text';

/** Where a new annotation points: its anchor where the client pointed, and where that is now. */
export interface Placement {
  anchor: Anchor;
  /** When placed on an older revision: the outcome of following it to the current one. */
  followedTo: ReanchorOutcome | null;
}

@Injectable()
export class Articles {
  constructor(private readonly aggregates: AggregateStore) {}

  async get(articleId: string): Promise<{ article: Article; version: number }> {
    const { state, version } = await this.aggregates.load(
      articleDecider,
      streams.article(articleId),
    );
    if (!state || version === undefined) refuse('not_found', `No article ${articleId}`);
    return { article: state, version };
  }

  /**
   * Resolves a client's selector in a revision (the current one by default), refusing in the
   * order of SPEC §8: invalid Unicode, then an unknown revision, then the span and quote checks.
   */
  place(article: Article, selector: Selector, revision?: number): Placement {
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
      target.revision < current ? new AnchorFollower(article).follow(anchor, current) : null;
    return { anchor, followedTo };
  }
}
