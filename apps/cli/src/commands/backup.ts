import { join, resolve } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { backupSqliteLog, LogFileError } from '@marginalia/event-store/sqlite/sqlite-backup';
import { type LogFileCheck } from '@marginalia/event-store/sqlite/sqlite-log-file';

/** The event log in the data folder (libs/platform/src/event-log/event-store.module.ts opens it). */
export const EVENT_LOG_FILE = 'events.db';

export const BACKUP_USAGE = 'Usage: npm run cli -- backup <file>';

/** What EventStoreDB deployments are told instead: the server has its own procedure. */
export const EVENTSTOREDB_BACKUP_ADVICE =
  'EVENT_STORE is eventstoredb: back up and restore the EventStoreDB server with its own ' +
  'procedure (https://developers.eventstore.com/server/v24.6/operations/backup); this command ' +
  'copies the embedded SQLite log only. To copy a whole log from one store to the other, see ' +
  'npm run cli -- migrate --from <log> --to <log>.';

/** The summary the command prints (JSON), and what the tests read. */
export interface BackupSummary {
  file: string;
  events: number;
  streams: number;
  headPosition: number;
  sha256: string;
  bytes: number;
  durationMs: number;
  ok: boolean;
  problems?: string[];
}

/**
 * Copies $DATA_DIR/events.db into `file` while the server may be writing to it, then checks
 * the copy's integrity and every hash chain (`backupSqliteLog`).
 */
export async function backupEventLog(dataDir: string, file: string): Promise<BackupSummary> {
  const started = Date.now();
  const check = await backupSqliteLog(join(dataDir, EVENT_LOG_FILE), file);
  return summaryOf(check, Date.now() - started);
}

/** `npm run cli -- backup <file>`: exit 0 when the copy is sound, 1 otherwise, 2 for usage. */
export async function backupCommand(args: string[], config: MarginaliaConfig): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('-') || rest.length > 0) {
    console.error(BACKUP_USAGE);
    return 2;
  }
  if (config.eventStore !== 'sqlite') {
    console.error(EVENTSTOREDB_BACKUP_ADVICE);
    return 1;
  }
  let summary: BackupSummary;
  try {
    summary = await backupEventLog(config.dataDir, resolve(file));
  } catch (error) {
    if (!(error instanceof LogFileError)) throw error;
    console.error(`Backup failed: ${error.message}`);
    return 1;
  }
  console.log(JSON.stringify(summary, null, 2));
  if (!summary.ok) {
    console.error(
      `The copy at ${summary.file} is not sound, so no restore will accept it; it is kept for ` +
        'investigation. Run npm run cli -- integrity against the live log.',
    );
  }
  return summary.ok ? 0 : 1;
}

export function summaryOf(check: LogFileCheck, durationMs: number): BackupSummary {
  return {
    file: check.file,
    events: check.events,
    streams: check.streams,
    headPosition: check.headPosition,
    sha256: check.sha256,
    bytes: check.bytes,
    durationMs,
    ok: check.ok,
    ...(check.ok ? {} : { problems: check.problems }),
  };
}
