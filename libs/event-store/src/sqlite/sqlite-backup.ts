import { closeSync, existsSync, fsyncSync, linkSync, openSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sqliteProfile } from './open-sqlite';
import { checkSqliteLogFile, type LogFileCheck } from './sqlite-log-file';

export class LogFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogFileError';
  }
}

/**
 * Copies the live event log `source` into `destination` while a server may be writing to it,
 * then checks the copy (`checkSqliteLogFile`). The copy is made by `VACUUM INTO`, not by
 * better-sqlite3's `db.backup()`:
 *
 * - it is one statement in one read transaction, so the copy is the log exactly as of one
 *   commit (a prefix of the log, no batch cut in two). In write-ahead-log mode a reader does
 *   not block the writer, so the server keeps appending meanwhile;
 * - the backup API copies pages in steps and starts over whenever another connection (the
 *   server) commits between two steps; on a log that is written all the time it may never end.
 *   Copying everything in one step would avoid that, but then it is no better than VACUUM INTO;
 * - the copy is a single compact file in rollback-journal mode, which can be checked and
 *   restored read-only without `-wal` or `-shm` files. Row ids, hence positions, are kept, and
 *   so is the AUTOINCREMENT sequence.
 *
 * SQLite does not fsync a VACUUM INTO file, so this does, before the check. The statement runs
 * in a worker thread, so a server that calls this keeps answering. The copy is written under a
 * temporary name and linked to `destination` only once complete: an existing file is never
 * overwritten, and an interrupted backup leaves no file that looks whole. A copy that fails its
 * check is kept at `destination` (it may be the only copy there is); `ok` is false and the
 * restore command refuses it.
 */
export async function backupSqliteLog(
  source: string,
  destination: string,
  options: { busyTimeoutMs?: number } = {},
): Promise<LogFileCheck> {
  if (!existsSync(source)) throw new LogFileError(`There is no event log at ${source}`);
  if (existsSync(destination)) {
    throw new LogFileError(`${destination} exists already; a backup never overwrites a file`);
  }
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.partial-${process.pid}-${Date.now()}`,
  );
  try {
    await vacuumInto(source, temporary, options.busyTimeoutMs ?? 5000);
    fsyncFile(temporary);
    const check = await checkSqliteLogFile(temporary);
    try {
      linkSync(temporary, destination);
    } catch (error) {
      throw new LogFileError(`Cannot write ${destination}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    fsyncFile(dirname(destination));
    return { ...check, file: destination };
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Runs `VACUUM INTO` in a worker thread with its own connection to the log. */
function vacuumInto(source: string, target: string, busyTimeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(VACUUM_WORKER, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        profile: sqliteProfile('copySource', { busyTimeoutMs }),
        source,
        target,
      },
    });
    worker.once('message', (message: { ok: boolean; error?: string }) => {
      if (message.ok) resolve();
      else reject(new LogFileError(`Cannot copy the event log: ${message.error ?? 'unknown'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new LogFileError(`The copy stopped with exit code ${code}`));
    });
  });
}

/* Opened as the `copySource` profile says (open-sqlite.ts): the worker cannot load that module. */
const VACUUM_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.source, workerData.profile.options);
  for (const pragma of workerData.profile.pragmas) db.pragma(pragma);
  try {
    db.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    db.close();
  }
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
}
`;

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
