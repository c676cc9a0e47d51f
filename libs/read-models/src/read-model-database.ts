import type Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type {
  ArticleRow,
  ClaimRow,
  CorrectionRow,
  ReadModelChanges,
  RowSource,
} from '@marginalia/projections';
import { openSqlite } from '@marginalia/event-store';
import { BulkLoad } from './bulk-load';
import { PROJECTOR_CHECKPOINT, prepareRowReader, prepareRowWriter, type RowWriter } from './rows';
import { prepareSchema } from './schema';

export { PROJECTOR_CHECKPOINT };

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
    return this.rows.article(id);
  }

  claim(id: string): ClaimRow | undefined {
    return this.rows.claim(id);
  }

  correction(id: string): CorrectionRow | undefined {
    return this.rows.correction(id);
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
    this.writer().write(changes, from, to);
  }

  /**
   * A bulk load into a new file that takes this one's place when complete (`BulkLoad`), when
   * the file holds no read models (checkpoint 0) and was not emptied for a rebuild in place;
   * else undefined, and rows are written here, batch by batch.
   */
  startBulkLoad(): BulkLoad | undefined {
    if (this.inPlace || this.checkpoint() !== 0) return undefined;
    return new BulkLoad(`${this.file}.building`, (built) => this.replaceWith(built));
  }

  /** Empties every read model and its checkpoint, for a rebuild in place. */
  reset(): void {
    this.inPlace = true;
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

  private readonly reads = new Map<string, Database.Statement>();
  /** Counts this object's writes; `touched` keeps, per article, the last one touching it. */
  private writes = 0;
  private readonly touched = new Map<string, number>();
  /** Changes when the file is reset or opened again: every stamp taken before is stale. */
  private generation = 0;
  /** Emptied by `reset`: projected again in place, where other connections read it. */
  private inPlace = false;
  private rows!: RowSource;

  private open(): void {
    this.generation += 1;
    this.touched.clear();
    this.handle = openSqlite(this.file, 'derived');
    prepareSchema(this.handle);
    this.inPlace = false;
    this.rows = prepareRowReader(this.handle);
    this.prepared = undefined;
    this.reads?.clear();
  }

  /**
   * Puts a complete file in this one's place, unless another connection has this one open: its
   * write-ahead log then outlives this connection's close, and it would go on reading and
   * writing a file no longer in place.
   */
  private replaceWith(built: string): boolean {
    this.handle.close();
    const wal = `${this.file}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      this.open();
      return false;
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${this.file}${suffix}`, { force: true });
    renameSync(built, this.file);
    this.open();
    return true;
  }

  private prepared:
    { write: (changes: ReadModelChanges, from: number, to: number) => void } | undefined;

  private writer() {
    if (this.prepared) return this.prepared;
    const writeRows: RowWriter = prepareRowWriter(this.handle);
    const write = this.handle.transaction((changes: ReadModelChanges, from: number, to: number) => {
      const current = this.checkpoint();
      if (current !== from) throw new CheckpointMovedError(from, current);
      writeRows(changes, to);
    });
    this.prepared = { write: (changes, from, to) => write.immediate(changes, from, to) };
    return this.prepared;
  }
}
