import { openSqlite } from '@marginalia/event-store';
import type Database from 'better-sqlite3';

/**
 * What the process managers remember between events: their checkpoint in the log, and which
 * annotation streams belong to which article (so that a new revision finds every annotation
 * to move). Disposable: deleting the file makes them replay the log, which changes nothing.
 */
export class ProcessState {
  private readonly db: Database.Database;
  private readonly statements: {
    checkpoint: Database.Statement<[string], { position: number }>;
    saveCheckpoint: Database.Statement<[string, number]>;
    annotate: Database.Statement<[string, string]>;
    annotations: Database.Statement<[string], { stream_id: string }>;
    recordRevision: Database.Statement<[string, number]>;
    revision: Database.Statement<[string], { revision: number }>;
  };

  constructor(file: string) {
    this.db = openSqlite(file, 'derived');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS article_annotations (
        article_id TEXT NOT NULL, stream_id TEXT NOT NULL, PRIMARY KEY (article_id, stream_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS article_revisions (
        article_id TEXT PRIMARY KEY, revision INTEGER NOT NULL
      ) WITHOUT ROWID;`);
    this.statements = {
      checkpoint: this.db.prepare('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
      ),
      annotate: this.db.prepare(
        'INSERT OR IGNORE INTO article_annotations (article_id, stream_id) VALUES (?, ?)',
      ),
      annotations: this.db.prepare(
        'SELECT stream_id FROM article_annotations WHERE article_id = ? ORDER BY stream_id',
      ),
      recordRevision: this.db.prepare(
        `INSERT INTO article_revisions (article_id, revision) VALUES (?, ?)
         ON CONFLICT (article_id) DO UPDATE SET revision = max(revision, excluded.revision)`,
      ),
      revision: this.db.prepare('SELECT revision FROM article_revisions WHERE article_id = ?'),
    };
  }

  checkpoint(name: string): number {
    return this.statements.checkpoint.get(name)?.position ?? 0;
  }

  /**
   * Writes go into one open transaction until `commit`: a commit for every event handled cost
   * about 37 µs each, twice per captured claim, and a million of them when the process
   * managers replay a whole log. Reads on this connection see what is not yet committed; a
   * crash loses the uncommitted writes and the checkpoint with them, and the events after the
   * committed checkpoint are handled again, which changes nothing.
   */
  saveCheckpoint(name: string, position: number): void {
    this.begin();
    this.statements.saveCheckpoint.run(name, position);
  }

  recordAnnotation(articleId: string, streamId: string): void {
    this.begin();
    this.statements.annotate.run(articleId, streamId);
  }

  /** Makes the writes since the last commit durable in the file (synchronous=NORMAL). */
  commit(): void {
    if (!this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.commits += 1;
  }

  /** Commits made, for tests. */
  commits = 0;

  private begin(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
  }

  annotationsOf(articleId: string): string[] {
    return this.statements.annotations.all(articleId).map((row) => row.stream_id);
  }

  /** The newest revision of an article that the process managers have seen in the log. */
  recordRevision(articleId: string, revision: number): void {
    this.begin();
    this.statements.recordRevision.run(articleId, revision);
  }

  revisionOf(articleId: string): number {
    return this.statements.revision.get(articleId)?.revision ?? 0;
  }

  close(): void {
    this.commit();
    this.db.close();
  }
}
