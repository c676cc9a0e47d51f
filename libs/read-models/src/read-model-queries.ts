import { Inject, Injectable } from '@nestjs/common';
import type { ClaimStatus, CorrectionKind, CorrectionStatus } from '@marginalia/domain';
import {
  type AnnotatedView,
  type ArticleRow,
  type ClaimInView,
  type ClaimRow,
  type CorrectionInView,
  type CorrectionRow,
  type HistoryEntry,
  renderView,
  type RevisionTextRow,
} from '@marginalia/projections';
import { refuse } from '@marginalia/domain';
import { checkLimit, decodeCursor, type Page, pageOf } from './paging';
import { READ_MODEL_DATABASE } from './projector';
import { ReadModelDatabase } from './read-model-database';
import { ViewCache } from './view-cache';

export interface ClaimFilter {
  articleId?: string;
  status?: ClaimStatus;
  assignee?: string;
  rating?: string;
  /** Text in the statement or the quote. */
  q?: string;
}

export interface CorrectionFilter {
  articleId?: string;
  status?: CorrectionStatus;
  kind?: CorrectionKind;
}

export interface HistoryFilter {
  /** The article and all its annotations, or one annotation. */
  articleId?: string;
  annotationId?: string;
  types?: string[];
  actor?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** Reads of the read models; each call reads one consistent state (no await inside). */
@Injectable()
export class ReadModelQueries {
  private readonly views = new ViewCache();

  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  article(id: string): ArticleRow | undefined {
    return this.database.article(id);
  }

  claim(id: string): ClaimRow | undefined {
    return this.database.claim(id);
  }

  correction(id: string): CorrectionRow | undefined {
    return this.database.correction(id);
  }

  revision(articleId: string, revision: number): RevisionTextRow | undefined {
    const row = this.database
      .readStatement('SELECT body FROM article_revisions WHERE article_id = ? AND revision = ?')
      .get(articleId, revision) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as RevisionTextRow) : undefined;
  }

  articles(page: PageRequest): Page<ArticleRow> {
    return this.list<ArticleRow>('articles', new Conditions(), page);
  }

  claims(filter: ClaimFilter, page: PageRequest): Page<ClaimRow> {
    const where = new Conditions()
      .add('article_id = ?', filter.articleId)
      .add('status = ?', filter.status)
      .add('assignee = ?', filter.assignee)
      .add('rating = ?', filter.rating)
      .add('instr(search, ?) > 0', filter.q ? filter.q.toLowerCase() : undefined);
    return this.list<ClaimRow>('claims', where, page);
  }

  corrections(filter: CorrectionFilter, page: PageRequest): Page<CorrectionRow> {
    const where = new Conditions()
      .add('article_id = ?', filter.articleId)
      .add('status = ?', filter.status)
      .add('kind = ?', filter.kind);
    return this.list<CorrectionRow>('corrections', where, page);
  }

  /**
   * The article's current annotated view, rendered from one consistent read of its rows: the
   * article, and what the view shows of each annotation (`ClaimInView`, `CorrectionInView`).
   */
  view(articleId: string): AnnotatedView | undefined {
    return this.database.snapshot(() => {
      const article = this.database.article(articleId);
      if (!article) return undefined;
      const views = <T>(table: string) =>
        (
          this.database
            .readStatement(`SELECT view FROM ${table} WHERE article_id = ? ORDER BY created`)
            .pluck()
            .all(articleId) as string[]
        ).map((json) => JSON.parse(json) as T);
      return renderView({
        article,
        textOf: (revision) => this.revision(articleId, revision)?.text ?? '',
        claims: views<ClaimInView>('claims'),
        corrections: views<CorrectionInView>('corrections'),
      });
    });
  }

  /**
   * The same view, served again as long as none of the rows it was rendered from changed (see
   * `ViewCache`): what the server answers. Callers must not modify it.
   */
  cachedView(articleId: string): AnnotatedView | undefined {
    // Taken before the rows are read: a change after it only makes the next call render again.
    const stamp = this.database.rowsStamp(articleId);
    const cached = this.views.get(articleId, stamp);
    if (cached) return cached;
    const view = this.view(articleId);
    if (view) this.views.set(articleId, stamp, view);
    return view;
  }

  /** The streams of an article's claims and corrections, for replays. */
  annotationStreams(articleId: string): string[] {
    const ids = (table: string) =>
      (
        this.database
          .readStatement(`SELECT id FROM ${table} WHERE article_id = ?`)
          .all(articleId) as Array<{
          id: string;
        }>
      ).map((row) => row.id);
    return [
      ...ids('claims').map((id) => `claim-${id}`),
      ...ids('corrections').map((id) => `correction-${id}`),
    ];
  }

  history(filter: HistoryFilter, page: PageRequest): Page<HistoryEntry> {
    const limit = checkLimit(page.limit);
    const { sql, values } = historyQuery(filter, decodeCursor(page.cursor));
    const rows = this.database.db.prepare(`${sql} LIMIT ?`).all(...values, limit + 1) as Array<{
      body: string;
    }>;
    return pageOf(
      rows.map((row) => JSON.parse(row.body) as HistoryEntry),
      limit,
      (entry) => entry.position,
    );
  }

  /** Every matching history entry in log order, for exports. */
  *historyAll(filter: HistoryFilter): Generator<HistoryEntry> {
    const { sql, values } = historyQuery(filter, 0);
    for (const row of this.database.db.prepare(sql).iterate(...values) as Iterable<{
      body: string;
    }>) {
      yield JSON.parse(row.body) as HistoryEntry;
    }
  }

  private list<T>(table: string, where: Conditions, page: PageRequest): Page<T> {
    const limit = checkLimit(page.limit);
    const conditions = new Conditions().add('created > ?', decodeCursor(page.cursor)).and(where);
    const rows = this.database.db
      .prepare<unknown[], { created: number; body: string }>(
        `SELECT created, body FROM ${table} WHERE ${conditions.sql()} ORDER BY created LIMIT ?`,
      )
      .all(...conditions.values, limit + 1);
    const parsed = rows.map((row) => ({ created: row.created, row: JSON.parse(row.body) as T }));
    const result = pageOf(parsed, limit, (item) => item.created);
    return { items: result.items.map((item) => item.row), nextCursor: result.nextCursor };
  }
}

function historyQuery(filter: HistoryFilter, after: number): { sql: string; values: unknown[] } {
  const where = new Conditions()
    .add('position > ?', after)
    .add('annotation_id = ?', filter.annotationId)
    .add('article_id = ?', filter.annotationId === undefined ? filter.articleId : undefined)
    .add('actor = ?', filter.actor)
    .add('recorded_at >= ?', filter.from === undefined ? undefined : utcTime(filter.from, 'from'))
    .add('recorded_at <= ?', filter.to === undefined ? undefined : utcTime(filter.to, 'to'));
  if (filter.types && filter.types.length > 0) {
    where.addAll(`type IN (${filter.types.map(() => '?').join(', ')})`, filter.types);
  }
  return {
    sql: `SELECT body FROM history WHERE ${where.sql()} ORDER BY position`,
    values: where.values,
  };
}

/** WHERE clauses and their values, for the filters a request gave. */
class Conditions {
  private readonly clauses: string[] = [];
  readonly values: unknown[] = [];

  add(clause: string, value: unknown): this {
    return value === undefined ? this : this.addAll(clause, [value]);
  }

  addAll(clause: string, values: readonly unknown[]): this {
    this.clauses.push(clause);
    this.values.push(...values);
    return this;
  }

  and(other: Conditions): this {
    this.clauses.push(...other.clauses);
    this.values.push(...other.values);
    return this;
  }

  sql(): string {
    return this.clauses.length > 0 ? this.clauses.join(' AND ') : '1 = 1';
  }
}

/** Recorded times are stored as UTC ISO strings, which compare in time order as text. */
function utcTime(value: string, field: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(time)) {
    refuse('validation_failed', `${field} must be an ISO 8601 time`, { field });
  }
  return new Date(time).toISOString();
}
