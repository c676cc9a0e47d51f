import {
  type ArticleEvent,
  type ClaimEvent,
  type CorrectionEvent,
  isDomainEventType,
  parseStreamId,
  type StreamCategory,
} from '@marginalia/domain';
import { type ArticleCounts, type ArticleRow, evolveArticleRow, withCounts } from './article-row';
import { claimCounts, type ClaimRow, evolveClaimRow } from './claim-row';
import { correctionCounts, type CorrectionRow, evolveCorrectionRow } from './correction-row';
import { historyEntry, type HistoryEntry } from './history-entry';
import { domainEventOf, type LogEvent } from './log-event';

/** One revision's text, kept beside the article row (a revision's text never changes). */
export interface RevisionTextRow {
  articleId: string;
  revision: number;
  text: string;
  textSha256: string;
  position: number;
  recordedAt: string;
}

/** Where the fold finds rows it has not touched yet: the read-model database, or nothing. */
export interface RowSource {
  article(id: string): ArticleRow | undefined;
  claim(id: string): ClaimRow | undefined;
  correction(id: string): CorrectionRow | undefined;
}

export const EMPTY_SOURCE: RowSource = {
  article: () => undefined,
  claim: () => undefined,
  correction: () => undefined,
};

export interface ReadModelChanges {
  articles: ArticleRow[];
  claims: ClaimRow[];
  corrections: CorrectionRow[];
  revisions: RevisionTextRow[];
  history: HistoryEntry[];
}

/**
 * The read models as a fold over the log: each event updates the rows it concerns and adds to
 * the audit history. The live projector, a rebuild and an "as of" replay all run this, so they
 * cannot disagree. Rows are read through the source once, then kept until `drain`.
 */
export class ReadModelFold {
  private readonly articles = new Map<string, ArticleRow | undefined>();
  private readonly claims = new Map<string, ClaimRow | undefined>();
  private readonly corrections = new Map<string, CorrectionRow | undefined>();
  private readonly dirty = {
    articles: new Set<string>(),
    claims: new Set<string>(),
    corrections: new Set<string>(),
  };
  private revisions: RevisionTextRow[] = [];
  private history: HistoryEntry[] = [];
  /** Events of aggregate streams whose type this code does not know (counted, not applied). */
  unknown = 0;

  constructor(private readonly source: RowSource = EMPTY_SOURCE) {}

  apply(log: LogEvent): void {
    const stream = parseStreamId(log.streamId);
    if (!stream) return;
    if (!isDomainEventType(log.type)) {
      this.unknown += 1;
      return;
    }
    const event = domainEventOf(log);
    // A stream's first event finds no row: nothing to look up in the source.
    const rows = this.rowsOf(stream.category);
    if (log.revision === 0 && !rows.has(stream.id)) rows.set(stream.id, undefined);
    switch (stream.category) {
      case 'article':
        return this.applyToArticle(stream.id, event as ArticleEvent, log);
      case 'claim':
        return this.applyToClaim(stream.id, event as ClaimEvent, log);
      case 'correction':
        return this.applyToCorrection(stream.id, event as CorrectionEvent, log);
    }
  }

  private rowsOf(category: StreamCategory): Map<string, unknown> {
    return category === 'article'
      ? this.articles
      : category === 'claim'
        ? this.claims
        : this.corrections;
  }

  article(id: string): ArticleRow | undefined {
    if (!this.articles.has(id)) this.articles.set(id, this.source.article(id));
    return this.articles.get(id);
  }

  claim(id: string): ClaimRow | undefined {
    if (!this.claims.has(id)) this.claims.set(id, this.source.claim(id));
    return this.claims.get(id);
  }

  correction(id: string): CorrectionRow | undefined {
    if (!this.corrections.has(id)) this.corrections.set(id, this.source.correction(id));
    return this.corrections.get(id);
  }

  /** Every row touched since the last drain, and the history and texts added. */
  drain(): ReadModelChanges {
    const pick = <T>(rows: Map<string, T | undefined>, ids: Set<string>) =>
      [...ids].map((id) => rows.get(id)).filter((row): row is T => row !== undefined);
    const changes = {
      articles: pick(this.articles, this.dirty.articles),
      claims: pick(this.claims, this.dirty.claims),
      corrections: pick(this.corrections, this.dirty.corrections),
      revisions: this.revisions,
      history: this.history,
    };
    Object.values(this.dirty).forEach((ids) => ids.clear());
    this.revisions = [];
    this.history = [];
    return changes;
  }

  private applyToArticle(id: string, event: ArticleEvent, log: LogEvent): void {
    const next = evolveArticleRow(this.article(id), event, log);
    if (!next) return;
    this.setArticle(next);
    if (event.type === 'ArticleImported' || event.type === 'ArticleRevised') {
      const { revision, text, textSha256 } = event.data;
      this.revisions.push({
        articleId: id,
        revision,
        text,
        textSha256,
        position: log.position,
        recordedAt: log.recordedAt,
      });
    }
    this.history.push(historyEntry(log, id, null));
  }

  private applyToClaim(id: string, event: ClaimEvent, log: LogEvent): void {
    const before = this.claim(id);
    const after = evolveClaimRow(before, event, log);
    if (!after) return;
    this.claims.set(id, after);
    this.dirty.claims.add(id);
    this.countInArticle(after.articleId, claimCounts(before), claimCounts(after));
    this.history.push(historyEntry(log, after.articleId, id));
  }

  private applyToCorrection(id: string, event: CorrectionEvent, log: LogEvent): void {
    const before = this.correction(id);
    const after = evolveCorrectionRow(before, event, log);
    if (!after) return;
    this.corrections.set(id, after);
    this.dirty.corrections.add(id);
    this.countInArticle(after.articleId, correctionCounts(before), correctionCounts(after));
    this.history.push(historyEntry(log, after.articleId, id));
  }

  /** An annotation's change of contribution to its article's counts; none leaves the row. */
  private countInArticle(articleId: string, before: ArticleCounts, after: ArticleCounts): void {
    if (sameCounts(before, after)) return;
    const article = this.article(articleId);
    if (article) this.setArticle(withCounts(article, before, after));
  }

  private setArticle(row: ArticleRow): void {
    this.articles.set(row.id, row);
    this.dirty.articles.add(row.id);
  }
}

function sameCounts(a: ArticleCounts, b: ArticleCounts): boolean {
  return (
    a.openClaims === b.openClaims &&
    a.publishedVerdicts === b.publishedVerdicts &&
    a.corrections === b.corrections
  );
}
