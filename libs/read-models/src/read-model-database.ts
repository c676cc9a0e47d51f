import Database from 'better-sqlite3';
import {
  type ArticleRow,
  type ClaimRow,
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
    this.statements().write(changes, from, to);
  }

  /** Empties every read model and its checkpoint, for a rebuild in place. */
  reset(): void {
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

  private body<T>(sql: string, id: string): T | undefined {
    let statement = this.reads.get(sql);
    if (!statement) this.reads.set(sql, (statement = this.handle.prepare(sql)));
    const row = statement.get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  /** Read statements, prepared once per open file: preparing costs more than the read. */
  private readonly reads = new Map<string, Database.Statement>();

  private open(): void {
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
    const article = db.prepare(
      `INSERT INTO articles (id, created, body) VALUES (@id, @created, @body)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
    );
    const revision = db.prepare(
      'INSERT OR REPLACE INTO article_revisions (article_id, revision, body) VALUES (?, ?, ?)',
    );
    const claim = db.prepare(
      `INSERT INTO claims (id, created, article_id, status, assignee, rating, search, body)
       VALUES (@id, @created, @articleId, @status, @assignee, @rating, @search, @body)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee,
         rating = excluded.rating, search = excluded.search, body = excluded.body`,
    );
    const correction = db.prepare(
      `INSERT INTO corrections (id, created, article_id, status, kind, body)
       VALUES (@id, @created, @articleId, @status, @kind, @body)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, kind = excluded.kind, body = excluded.body`,
    );
    const history = db.prepare(
      `INSERT OR REPLACE INTO history (position, article_id, annotation_id, type, actor, recorded_at, body)
       VALUES (@position, @articleId, @annotationId, @type, @actor, @recordedAt, @body)`,
    );
    const checkpoint = db.prepare(
      `INSERT INTO checkpoint (name, position) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    );
    const write = db.transaction((changes: ReadModelChanges, from: number, to: number) => {
      const current = this.checkpoint();
      if (current !== from) throw new CheckpointMovedError(from, current);
      for (const row of changes.articles) {
        article.run({ id: row.id, created: row.createdPosition, body: JSON.stringify(row) });
      }
      for (const row of changes.revisions) {
        revision.run(row.articleId, row.revision, JSON.stringify(row));
      }
      for (const row of changes.claims) {
        claim.run({
          id: row.id,
          created: row.createdPosition,
          articleId: row.articleId,
          status: row.status,
          assignee: row.claim.assignee,
          rating: row.claim.published?.rating ?? null,
          search: searchText(row),
          body: JSON.stringify(row),
        });
      }
      for (const row of changes.corrections) {
        correction.run({
          id: row.id,
          created: row.createdPosition,
          articleId: row.articleId,
          status: row.status,
          kind: row.correction.kind,
          body: JSON.stringify(row),
        });
      }
      for (const entry of changes.history) {
        history.run({
          position: entry.position,
          articleId: entry.articleId,
          annotationId: entry.annotationId,
          type: entry.type,
          actor: entry.actor.sub,
          recordedAt: entry.recordedAt,
          body: JSON.stringify(entry),
        });
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
