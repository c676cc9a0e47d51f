import Database from 'better-sqlite3';
import {
  type ArticleRow,
  claimInView,
  type ClaimRow,
  correctionInView,
  type CorrectionRow,
  type ReadModelChanges,
  type RowSource,
} from '@marginalia/projections';
import { prepareSchema } from './schema';

export const PROJECTOR_CHECKPOINT = 'read-models';

/**
 * Another writer (a second process, a rebuild) moved the checkpoint while a batch was folded:
 * the batch was folded from rows that are no longer current, and is not written.
 */
export class CheckpointMovedError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The read models' checkpoint moved from ${expected} to ${actual} meanwhile`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * The read models' SQLite file: rows stored as JSON with the columns lists filter on. A batch
 * of changes and the checkpoint it reaches are written in one transaction, so a projector
 * killed mid-batch resumes from the last checkpoint without applying anything twice.
 * Disposable (synchronous=NORMAL): it is rebuilt from the log whenever in doubt.
 */
export class ReadModelDatabase implements RowSource {
  private handle!: Database.Database;

  constructor(readonly file: string) {
    this.open();
  }

  get db(): Database.Database {
    return this.handle;
  }

  /** Opens the file again (after a rebuild replaced it). */
  reopen(): void {
    if (this.handle.open) this.handle.close();
    this.open();
  }

  /**
   * A value that changes whenever the rows an article's view is rendered from (the article,
   * its revisions' texts, its claims and corrections) may have changed: a write through this
   * object that touched the article, a commit by any other connection to the file (SQLite's
   * `data_version`), or a reset or reopening. Taken before those rows are read, an equal stamp
   * later means the rows read then are still current.
   */
  rowsStamp(articleId: string): string {
    const foreign = this.readStatement('PRAGMA data_version').pluck().get() as number;
    return `${this.generation}.${foreign}.${this.touched.get(articleId) ?? 0}`;
  }

  close(): void {
    if (this.handle.open) this.handle.close();
  }

  checkpoint(): number {
    const row = this.handle
      .prepare('SELECT position FROM checkpoint WHERE name = ?')
      .get(PROJECTOR_CHECKPOINT) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  article(id: string): ArticleRow | undefined {
    return this.body<ArticleRow>('SELECT body FROM articles WHERE id = ?', id);
  }

  claim(id: string): ClaimRow | undefined {
    return this.body<ClaimRow>('SELECT body FROM claims WHERE id = ?', id);
  }

  correction(id: string): CorrectionRow | undefined {
    return this.body<CorrectionRow>('SELECT body FROM corrections WHERE id = ?', id);
  }

  /**
   * Writes a batch of changes, folded from the state at checkpoint `from`, and moves the
   * checkpoint to `to`, atomically; refuses if the checkpoint is no longer `from`.
   */
  write(changes: ReadModelChanges, from: number, to: number): void {
    // Marked before writing: a failed write only costs a view a needless re-rendering.
    const write = (this.writes += 1);
    const touch = (articleId: string) => this.touched.set(articleId, write);
    changes.articles.forEach((row) => touch(row.id));
    changes.revisions.forEach((row) => touch(row.articleId));
    changes.claims.forEach((row) => touch(row.articleId));
    changes.corrections.forEach((row) => touch(row.articleId));
    this.statements().write(changes, from, to);
  }

  /** Empties every read model and its checkpoint, for a rebuild in place. */
  reset(): void {
    this.generation += 1;
    this.handle
      .transaction(() => {
        for (const table of [
          'articles',
          'article_revisions',
          'claims',
          'corrections',
          'history',
          'checkpoint',
        ]) {
          this.handle.exec(`DELETE FROM ${table}`);
        }
      })
      .immediate();
  }

  /** Runs `read` on one consistent snapshot of the file (a read transaction). */
  snapshot<T>(read: () => T): T {
    return this.handle.transaction(read).deferred();
  }

  /** A read statement, prepared once per open file: preparing costs more than the read. */
  readStatement(sql: string): Database.Statement {
    let statement = this.reads.get(sql);
    if (!statement) this.reads.set(sql, (statement = this.handle.prepare(sql)));
    return statement;
  }

  private body<T>(sql: string, id: string): T | undefined {
    const row = this.readStatement(sql).get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  private readonly reads = new Map<string, Database.Statement>();
  /** Counts this object's writes; `touched` keeps, per article, the last one touching it. */
  private writes = 0;
  private readonly touched = new Map<string, number>();
  /** Changes when the file is reset or opened again: every stamp taken before is stale. */
  private generation = 0;

  private open(): void {
    this.generation += 1;
    this.touched.clear();
    this.handle = new Database(this.file);
    this.handle.pragma('journal_mode = WAL');
    this.handle.pragma('synchronous = NORMAL');
    prepareSchema(this.handle);
    this.prepared = undefined;
    this.reads?.clear();
  }

  private prepared:
    { write: (changes: ReadModelChanges, from: number, to: number) => void } | undefined;

  private statements() {
    if (this.prepared) return this.prepared;
    const db = this.handle;
    // Positional parameters: binding by name looks each one up in an object, on every row.
    const article = db.prepare(
      `INSERT INTO articles (created, id, body) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
    );
    const revision = db.prepare(
      `INSERT OR REPLACE INTO article_revisions (position, article_id, revision, body)
       VALUES (?, ?, ?, ?)`,
    );
    const claim = db.prepare(
      `INSERT INTO claims (created, id, article_id, status, assignee, rating, search, view, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee,
         rating = excluded.rating, search = excluded.search, view = excluded.view,
         body = excluded.body`,
    );
    const correction = db.prepare(
      `INSERT INTO corrections (created, id, article_id, status, kind, view, body)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, kind = excluded.kind,
         view = excluded.view, body = excluded.body`,
    );
    const history = db.prepare(
      `INSERT OR REPLACE INTO history
         (position, article_id, annotation_id, type, actor, recorded_at, body)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const checkpoint = db.prepare(
      `INSERT INTO checkpoint (name, position) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    );
    const write = db.transaction((changes: ReadModelChanges, from: number, to: number) => {
      const current = this.checkpoint();
      if (current !== from) throw new CheckpointMovedError(from, current);
      for (const row of changes.articles) {
        article.run(row.createdPosition, row.id, JSON.stringify(row));
      }
      for (const row of changes.revisions) {
        revision.run(row.position, row.articleId, row.revision, JSON.stringify(row));
      }
      for (const row of changes.claims) {
        claim.run(
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
      for (const row of changes.corrections) {
        correction.run(
          row.createdPosition,
          row.id,
          row.articleId,
          row.status,
          row.correction.kind,
          JSON.stringify(correctionInView(row)),
          JSON.stringify(row),
        );
      }
      for (const entry of changes.history) {
        history.run(
          entry.position,
          entry.articleId,
          entry.annotationId,
          entry.type,
          entry.actor.sub,
          entry.recordedAt,
          JSON.stringify(entry),
        );
      }
      checkpoint.run(PROJECTOR_CHECKPOINT, to);
    });
    this.prepared = { write: (changes, from, to) => write.immediate(changes, from, to) };
    return this.prepared;
  }
}

/** What `q` searches: the statement and the quoted text, case-folded. */
function searchText(row: ClaimRow): string {
  return `${row.claim.statement}\n${row.claim.anchor.exact}`.toLowerCase();
}
