import { Worker } from 'node:worker_threads';
import { sqliteProfile, type SqliteProfile } from '@marginalia/event-store';
import { ROW_STATEMENTS } from './rows';

interface WriterData {
  driver: string;
  file: string;
  statements: ReadonlyArray<{ sql: string; arity: number }>;
  /** The `building` profile (open-sqlite.ts), as data: the worker cannot load that module. */
  profile: SqliteProfile;
}

export type BulkLoadWriterMessage =
  { ready: true } | { committed: number } | { done: true } | { error: string };

/*
 * The writer, in a worker thread: each batch in one transaction, its rows written statement by
 * statement as `prepareRowWriter` writes them; at the end the whole file fsynced, as
 * `BulkLoad.finish` does in its own thread.
 */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, fsyncSync, openSync } = require('node:fs');
const Database = require(workerData.driver);
const fail = (error) => {
  parentPort.postMessage({ error: String((error && error.stack) || error) });
  parentPort.close();
};
try {
  const db = new Database(workerData.file, workerData.profile.options);
  for (const pragma of workerData.profile.pragmas) db.pragma(pragma);
  const statements = workerData.statements.map(({ sql, arity }) => ({
    run: db.prepare(sql),
    arity,
  }));
  const write = db.transaction((parameters) => {
    statements.forEach(({ run, arity }, index) => {
      const values = parameters[index];
      for (let at = 0; at < values.length; at += arity) run.run(values.slice(at, at + arity));
    });
  });
  parentPort.on('message', (message) => {
    try {
      if (message.parameters) {
        write(message.parameters);
        parentPort.postMessage({ committed: message.batch });
        return;
      }
      db.close();
      const fd = openSync(workerData.file, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      parentPort.postMessage({ done: true });
      parentPort.close();
    } catch (error) {
      fail(error);
    }
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  fail(error);
}
`;

/** Starts the writer for the load into `file`; it says `ready` once it has the file open. */
export function startBulkLoadWriter(file: string): Worker {
  return new Worker(WRITER, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3'),
      file,
      statements: ROW_STATEMENTS,
      profile: sqliteProfile('building'),
    } satisfies WriterData,
  });
}
