import type Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type {
  ArticleRow,
  ClaimRow,
  CorrectionRow,
  ReadModelChanges,
  RowSource,
} from '@marginalia/projections';
import { openSqlite } from '@marginalia/event-store';
import { startBulkLoadWriter, type BulkLoadWriterMessage } from './bulk-load-writer';
import { prepareRowReader, prepareRowWriter, rowParameters } from './rows';
import { createSchema } from './schema';

/**
 * Events folded and written per transaction of a bulk load. Small enough that what a batch keeps
 * alive (its events, rows and their JSON) stays small for the young generation's collections.
 */
export const BULK_BATCH_SIZE = 500;

/** Batches handed to the writer and not yet committed, at most, before the fold waits. */
const IN_FLIGHT = 4;

/** Rows of each kind written lately, kept for the fold (besides those not yet committed). */
const KEPT_ROWS = 4096;

type Table = 'articles' | 'claims' | 'corrections';

/**
 * Read models projected from position 0 into a new file of their own (`<file>.building`), which
 * takes the place of an empty read-model file once complete: what a rebuild and an integrity
 * check do.
 *
 * No reader of the read models opens that file before it is complete and in place, and a crash
 * leaves only a file to delete (the next load deletes it first), so it is written without the
 * care the live file takes: no write-ahead log, no fsync per transaction, one fsync of the
 * whole file before it is put in place (open-sqlite.ts's `building` profile). The rows are the
 * same: the same fold, the same statements and parameters (`ROW_STATEMENTS`, `rowParameters`),
 * the same tables and indexes.
 *
 * The fold and the rows' JSON are made in this thread. From the second batch on, SQLite writes
 * them in a worker thread, on the other core, one transaction per batch; a log of one batch is
 * written here, quicker than starting a thread. The fold finds the rows it has not touched in a
 * batch among those of batches not committed yet (kept until they are) and those written
 * lately, else in the file, through this thread's connection, which reads what the worker has
 * committed. The writer keeps the indexes up to date as the rows go in: built at the end, they
 * cost less in all, but the load then waits for them while this thread has nothing to do.
 */
export class BulkLoad implements RowSource {
  private readonly db: Database.Database;
  private readonly rows: RowSource;
  private readonly writeHere: (changes: ReadModelChanges, to: number) => void;
  private writer: Worker | undefined;
  private writerReady = false;
  private readonly kept: Record<Table, Map<string, Kept>> = {
    articles: new Map(),
    claims: new Map(),
    corrections: new Map(),
  };
  private position = 0;
  /** Batches written here or handed to the writer; of those, handed to it; committed. */
  private sent = 0;
  private posted = 0;
  private committed = 0;
  private done = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  /**
   * @param file where the rows are written, deleted first if a crashed load left it
   * @param putInPlace moves the complete file to where the read models are read; false when it
   *   cannot (another connection has the file it would replace open)
   */
  constructor(
    readonly file: string,
    private readonly putInPlace: (file: string) => boolean,
  ) {
    removeDatabaseFiles(file);
    let db: Database.Database | undefined;
    try {
      db = this.db = openSqlite(file, 'building');
      createSchema(db);
      this.rows = prepareRowReader(db);
      this.writeHere = db.transaction(prepareRowWriter(db));
    } catch (error) {
      db?.close();
      removeDatabaseFiles(file);
      throw error;
    }
  }

  /** The position of the last event of the batches written or handed to the writer. */
  checkpoint(): number {
    return this.position;
  }

  article(id: string): ArticleRow | undefined {
    return this.find('articles', id, () => this.rows.article(id));
  }

  claim(id: string): ClaimRow | undefined {
    return this.find('claims', id, () => this.rows.claim(id));
  }

  correction(id: string): CorrectionRow | undefined {
    return this.find('corrections', id, () => this.rows.correction(id));
  }

  /**
   * Writes the first batch, folded from the rows at `from` (this load's own checkpoint) up to
   * `to`; hands the next ones to the writer, waiting while it has more than IN_FLIGHT to commit.
   */
  async write(changes: ReadModelChanges, from: number, to: number): Promise<void> {
    if (from !== this.position) {
      throw new Error(`A bulk load at ${this.position} was given a batch folded from ${from}`);
    }
    this.check();
    const batch = (this.sent += 1);
    if (batch === 1) {
      // A log of one batch is written here: starting a thread would take longer.
      this.writeHere(changes, to);
      this.committed = batch;
    } else {
      this.writer ??= this.startWriter();
      while (!this.writerReady) await this.next();
      this.writer.postMessage({ batch, parameters: rowParameters(changes, to) });
      this.posted += 1;
    }
    this.keep('articles', changes.articles, batch);
    this.keep('claims', changes.claims, batch);
    this.keep('corrections', changes.corrections, batch);
    this.position = to;
    while (this.sent - this.committed > IN_FLIGHT) await this.next();
  }

  /**
   * Waits for the writer to commit everything, writes the file to disk and puts it in place.
   * False (and the file deleted) when it could not be put in place.
   */
  async finish(): Promise<boolean> {
    try {
      this.check();
      if (this.posted > 0) {
        this.writer!.postMessage({ finish: true });
        while (!this.done) await this.next();
        await this.stopWriter();
        this.db.close();
      } else {
        await this.stopWriter();
        this.db.close();
        fsyncFile(this.file);
      }
      if (this.putInPlace(this.file)) return true;
    } catch (error) {
      await this.abandon();
      throw error;
    }
    await this.abandon();
    return false;
  }

  /** Stops the load and deletes its file. */
  async abandon(): Promise<void> {
    await this.stopWriter();
    if (this.db.open) this.db.close();
    removeDatabaseFiles(this.file);
  }

  private startWriter(): Worker {
    const writer = startBulkLoadWriter(this.file);
    writer.on('message', (message: BulkLoadWriterMessage) => {
      if ('ready' in message) this.writerReady = true;
      else if ('committed' in message) this.committed = message.committed;
      else if ('done' in message) this.done = true;
      else this.fail(new Error(`The bulk load's writer failed: ${message.error}`));
      this.notify();
    });
    writer.on('error', (error) => this.fail(error));
    writer.on('exit', (code) => {
      if (!this.done) this.fail(new Error(`The bulk load's writer stopped (exit code ${code})`));
    });
    return writer;
  }

  private async stopWriter(): Promise<void> {
    this.done = true;
    await this.writer?.terminate();
  }

  private find<T>(table: Table, id: string, read: () => T | undefined): T | undefined {
    const kept = this.kept[table].get(id);
    return kept ? (kept.row as T) : read();
  }

  /**
   * Keeps the rows of a batch, as the newest, until it is committed; forgets the oldest of
   * those committed beyond KEPT_ROWS (the file has them).
   */
  private keep(table: Table, rows: ReadonlyArray<{ id: string }>, batch: number): void {
    const kept = this.kept[table];
    for (const row of rows) {
      kept.delete(row.id);
      kept.set(row.id, { row, batch });
    }
    for (const [id, { batch: written }] of kept) {
      if (kept.size <= KEPT_ROWS || written > this.committed) break;
      kept.delete(id);
    }
  }

  private next(): Promise<void> {
    this.check();
    return new Promise<void>((resolve) => (this.wake = resolve)).then(() => this.check());
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

interface Kept {
  row: unknown;
  /** The batch that wrote it last. */
  batch: number;
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
