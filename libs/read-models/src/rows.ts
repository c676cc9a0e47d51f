import type Database from 'better-sqlite3';
import {
  type ArticleRow,
  claimInView,
  type ClaimRow,
  correctionInView,
  type CorrectionRow,
  type ReadModelChanges,
  type RowSource,
} from '@marginalia/projections';

export const PROJECTOR_CHECKPOINT = 'read-models';

/**
 * The statements rows are written with, whoever writes them (the live projector, a rebuild in
 * place, a bulk load), with the number of parameters each takes: their files cannot differ.
 * Positional parameters: binding by name looks each one up in an object, on every row.
 */
export const ROW_STATEMENTS: ReadonlyArray<{ sql: string; arity: number }> = [
  {
    sql: `INSERT INTO articles (created, id, body) VALUES (?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
    arity: 3,
  },
  {
    sql: `INSERT OR REPLACE INTO article_revisions (position, article_id, revision, body)
          VALUES (?, ?, ?, ?)`,
    arity: 4,
  },
  {
    sql: `INSERT INTO claims (created, id, article_id, status, assignee, rating, search, view, body)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee,
            rating = excluded.rating, search = excluded.search, view = excluded.view,
            body = excluded.body`,
    arity: 9,
  },
  {
    sql: `INSERT INTO corrections (created, id, article_id, status, kind, view, body)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET status = excluded.status, kind = excluded.kind,
            view = excluded.view, body = excluded.body`,
    arity: 7,
  },
  {
    sql: `INSERT OR REPLACE INTO history
            (position, article_id, annotation_id, type, actor, recorded_at, body)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
    arity: 7,
  },
  {
    sql: `INSERT INTO checkpoint (name, position) VALUES (?, ?)
          ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    arity: 2,
  },
];

/** A value bound to a statement's parameter. */
export type RowValue = string | number | null;

/**
 * What a batch of folded changes writes: for each of ROW_STATEMENTS, in order, the parameters
 * of its rows one after the other, the last statement moving the checkpoint to `checkpoint`.
 * Rows are JSON; plain values and strings only, so they can go to another thread as they are.
 */
export function rowParameters(changes: ReadModelChanges, checkpoint: number): RowValue[][] {
  const articles: RowValue[] = [];
  for (const row of changes.articles) {
    articles.push(row.createdPosition, row.id, JSON.stringify(row));
  }
  const revisions: RowValue[] = [];
  for (const row of changes.revisions) {
    revisions.push(row.position, row.articleId, row.revision, JSON.stringify(row));
  }
  const claims: RowValue[] = [];
  for (const row of changes.claims) {
    claims.push(
      row.createdPosition,
      row.id,
      row.articleId,
      row.status,
      row.claim.assignee,
      row.claim.published?.rating ?? null,
      searchText(row),
      JSON.stringify(claimInView(row)),
      JSON.stringify(row),
    );
  }
  const corrections: RowValue[] = [];
  for (const row of changes.corrections) {
    corrections.push(
      row.createdPosition,
      row.id,
      row.articleId,
      row.status,
      row.correction.kind,
      JSON.stringify(correctionInView(row)),
      JSON.stringify(row),
    );
  }
  const history: RowValue[] = [];
  for (const entry of changes.history) {
    history.push(
      entry.position,
      entry.articleId,
      entry.annotationId,
      entry.type,
      entry.actor.sub,
      entry.recordedAt,
      JSON.stringify(entry),
    );
  }
  return [articles, revisions, claims, corrections, history, [PROJECTOR_CHECKPOINT, checkpoint]];
}

/** Writes a batch of folded changes and the checkpoint it reaches (inside a transaction). */
export type RowWriter = (changes: ReadModelChanges, checkpoint: number) => void;

export function prepareRowWriter(db: Database.Database): RowWriter {
  const statements = ROW_STATEMENTS.map(({ sql, arity }) => ({ run: db.prepare(sql), arity }));
  return (changes, checkpoint) => {
    const parameters = rowParameters(changes, checkpoint);
    statements.forEach(({ run, arity }, index) => {
      const values = parameters[index]!;
      for (let at = 0; at < values.length; at += arity) run.run(values.slice(at, at + arity));
    });
  };
}

/** Rows by id, as the fold asks for the ones it has not touched yet. */
export function prepareRowReader(db: Database.Database): RowSource {
  const body = (table: string) => {
    const statement = db.prepare(`SELECT body FROM ${table} WHERE id = ?`).pluck();
    return <T>(id: string): T | undefined => {
      const json = statement.get(id) as string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as T);
    };
  };
  const articles = body('articles');
  const claims = body('claims');
  const corrections = body('corrections');
  return {
    article: (id) => articles<ArticleRow>(id),
    claim: (id) => claims<ClaimRow>(id),
    correction: (id) => corrections<CorrectionRow>(id),
  };
}

/** What `q` searches: the statement and the quoted text, case-folded. */
function searchText(row: ClaimRow): string {
  return `${row.claim.statement}\n${row.claim.anchor.exact}`.toLowerCase();
}
