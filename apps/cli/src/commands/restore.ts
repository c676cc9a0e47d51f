import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  checkSqliteLogFile,
  type LogFileCheck,
  sha256Of,
  sqliteLogInUse,
} from '@marginalia/event-store/sqlite/sqlite-log-file';
import { EVENT_LOG_FILE, EVENTSTOREDB_BACKUP_ADVICE } from './backup';

export const RESTORE_USAGE = 'Usage: npm run cli -- restore <file> [--force]';

/**
 * The data folder's files derived from the log, as their modules name them
 * (libs/read-models read-models.module.ts, libs/editorial editorial.module.ts,
 * apps/admin-api http-edge.module.ts). Each holds a position in the log it was built from; over a
 * restored log those positions would be wrong, so they are moved aside and rebuilt at the next
 * start: the read models and the process managers from position 0, the idempotency keys empty
 * (an answer remembered for a request whose events the backup does not hold must not be given
 * again), and the log's Merkle tree (libs/platform verifiable-log.module.ts) from the restored
 * log. The tree file's checkpoints go aside with it, kept: the restored log starts a new series,
 * signed with the same key, and an auditor's earlier checkpoint shows whether it extends them.
 */
export const DERIVED_FILES = [
  'read-models.db',
  'process-managers.db',
  'idempotency.db',
  'log-tree.db',
];

/** An SQLite file travels with its write-ahead log and shared-memory index. */
const SIDECARS = ['', '-wal', '-shm'];

export type RestoreResult =
  | {
      ok: true;
      restored: string;
      into: string;
      events: number;
      streams: number;
      headPosition: number;
      sha256: string;
      /** The files moved aside, as [from, to]; nothing is ever deleted. */
      movedAside: Array<[string, string]>;
      warnings: string[];
    }
  | {
      ok: false;
      refused: 'backup_not_sound' | 'log_exists' | 'log_in_use' | 'backup_changed';
      message: string;
      problems?: string[];
    };

export interface RestoreOptions {
  backup: string;
  dataDir: string;
  /** Move an existing log aside instead of refusing. */
  force: boolean;
  /** For the suffix of the files moved aside. */
  now?: Date;
}

/**
 * Makes a backup the data folder's event log, in this order, so that a refusal changes nothing:
 *
 * 1. The backup is checked where it lies, read-only: SQLite's integrity check, the schema, dense
 *    positions, every hash chain (`checkSqliteLogFile`). A backup with any problem is refused.
 * 2. An existing log (`events.db`, or a `-wal` left beside it) is refused without `force`; with
 *    it, refused while a process holds the log open (`sqliteLogInUse`).
 * 3. The backup is copied into the data folder under a temporary name and fsynced; its SHA-256
 *    must be the one checked, or the backup changed since, and the copy is removed again.
 * 4. The existing log and the derived files are renamed with the suffix
 *    `.replaced-<UTC time>` (each with its `-wal` and `-shm`, so SQLite still opens them); none
 *    is deleted.
 * 5. The copy is renamed to `events.db` and the folder fsynced.
 *
 * The server is not running meanwhile (step 2 checks it when a log exists); start it after:
 * it rebuilds the read models and runs the process managers from position 0, which append
 * nothing for work already in the log and finish work the backup caught half done.
 */
export async function restoreEventLog(options: RestoreOptions): Promise<RestoreResult> {
  const backup = resolve(options.backup);
  const check = await checkSqliteLogFile(backup);
  if (!check.ok) {
    return {
      ok: false,
      refused: 'backup_not_sound',
      message: `${backup} is not a sound event log; nothing was changed`,
      problems: check.problems,
    };
  }

  const dataDir = resolve(options.dataDir);
  const target = join(dataDir, EVENT_LOG_FILE);
  const existing = SIDECARS.map((suffix) => target + suffix).filter((file) => existsSync(file));
  const warnings: string[] = [];
  if (existing.length > 0) {
    if (!options.force) {
      return {
        ok: false,
        refused: 'log_exists',
        message: `${target} exists; restore --force moves it aside (it is never deleted)`,
      };
    }
    const use = existsSync(target) ? sqliteLogInUse(target) : 'free';
    if (use === 'in_use') {
      return {
        ok: false,
        refused: 'log_in_use',
        message: `${target} is open in a running process (the server, a CLI command): stop it first`,
      };
    }
    if (use === 'unknown') {
      warnings.push(`${target} could not be opened to see whether a process uses it`);
    }
  }

  mkdirSync(dataDir, { recursive: true });
  const incoming = join(dataDir, `.${EVENT_LOG_FILE}.restoring-${process.pid}`);
  try {
    copyFileSync(backup, incoming);
    fsync(incoming);
    if ((await sha256Of(incoming)) !== check.sha256) {
      rmSync(incoming);
      return {
        ok: false,
        refused: 'backup_changed',
        message: `${backup} changed after it was checked; nothing was restored`,
      };
    }
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }

  const suffix = `.replaced-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
  const movedAside: Array<[string, string]> = [];
  for (const name of [EVENT_LOG_FILE, ...DERIVED_FILES]) {
    for (const sidecar of SIDECARS) {
      const from = join(dataDir, name + sidecar);
      if (!existsSync(from)) continue;
      const to = join(dataDir, name + suffix + sidecar);
      renameSync(from, to);
      movedAside.push([from, to]);
    }
  }
  renameSync(incoming, target);
  fsync(dataDir);
  return {
    ok: true,
    restored: backup,
    into: target,
    ...counts(check),
    movedAside,
    warnings,
  };
}

/** `npm run cli -- restore <file> [--force]`: exit 0 when restored, 1 refused, 2 usage. */
export async function restoreCommand(args: string[], config: MarginaliaConfig): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  const [file] = files;
  if (file === undefined || files.length !== 1 || file.startsWith('-')) {
    console.error(RESTORE_USAGE);
    return 2;
  }
  if (config.eventStore !== 'sqlite') {
    console.error(EVENTSTOREDB_BACKUP_ADVICE);
    return 1;
  }
  const result = await restoreEventLog({ backup: file, dataDir: config.dataDir, force });
  console.log(JSON.stringify(result, null, 2));
  if (!result.ok) {
    console.error(`Restore refused: ${result.message}`);
    for (const problem of result.problems ?? []) console.error(`- ${problem}`);
    return 1;
  }
  for (const warning of result.warnings) console.error(`Warning: ${warning}`);
  console.error(
    'Restored. Start the server: it rebuilds the read models and runs the process managers ' +
      'from the start of the log. Tokens keep working only with the same AUTH_JWT_SECRET or ' +
      'jwt-secret file.',
  );
  return 0;
}

function counts(check: LogFileCheck) {
  return {
    events: check.events,
    streams: check.streams,
    headPosition: check.headPosition,
    sha256: check.sha256,
  };
}

function fsync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
