import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  copyLog,
  type CopyTarget,
  type EventStore,
  EventStoreUnavailableError,
  MigrationError,
  type MigrationReport,
  SqliteEventStore,
  sqliteCopyTarget,
} from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';

/** An argument the user must correct; the CLI prints it with the usage. */
export class MigrateUsageError extends Error {}

type LogAddress = { kind: 'sqlite'; file: string } | { kind: 'eventstoredb'; connection: string };

export function parseLogAddress(text: string, flag: string): LogAddress {
  if (text.startsWith('sqlite:')) {
    const file = text.slice('sqlite:'.length);
    if (file === '') throw new MigrateUsageError(`${flag} sqlite: needs a file`);
    return { kind: 'sqlite', file: resolve(file) };
  }
  if (/^esdb(\+discover)?:\/\//.test(text)) return { kind: 'eventstoredb', connection: text };
  throw new MigrateUsageError(
    `${flag} must be sqlite:<file> or an esdb:// connection string, not ${JSON.stringify(text)}`,
  );
}

/**
 * `migrate --from <log> --to <log>`: copies the source log into the target with copyLog.
 * The source must not be written meanwhile (stop the servers, or they would append events
 * the copy misses: the final count check refuses such a copy). A SQLite source is opened
 * read-only and left byte for byte unchanged: it may be a backup that must still restore.
 */
export async function migrateCommand(
  args: string[],
  progress: (line: string) => void = () => undefined,
): Promise<MigrationReport> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  if (values.from === undefined || values.to === undefined) {
    throw new MigrateUsageError('migrate needs both --from and --to');
  }
  const from = parseLogAddress(values.from, '--from');
  const to = parseLogAddress(values.to, '--to');
  if (from.kind === 'sqlite' && to.kind === 'sqlite' && sameFile(from.file, to.file)) {
    throw new MigrateUsageError('--from and --to name the same file');
  }
  if (
    from.kind === 'eventstoredb' &&
    to.kind === 'eventstoredb' &&
    from.connection === to.connection
  ) {
    throw new MigrateUsageError('--from and --to name the same EventStoreDB');
  }
  if (from.kind === 'sqlite') requireExisting(from.file);

  const source: EventStore =
    from.kind === 'sqlite'
      ? new SqliteEventStore({ file: from.file, crossProcessWakeups: false, readonly: true })
      : new EventStoreDbEventStore({ connectionString: from.connection });
  let target: CopyTarget | undefined;
  try {
    if (to.kind === 'sqlite') {
      mkdirSync(dirname(to.file), { recursive: true });
      target = sqliteCopyTarget(to.file);
    } else {
      target = new EventStoreDbEventStore({ connectionString: to.connection }).asCopyTarget();
    }
    let reported = 0;
    return await copyLog(source, target, {
      onProgress: (copied) => {
        if (copied - reported >= 10_000) {
          reported = copied;
          progress(`${copied} events copied…`);
        }
      },
    });
  } finally {
    await source.close();
    await target?.store.close();
  }
}

/** The command as the CLI runs it: exit 0 when copied, 1 when the copy was refused. */
export async function migrateCli(args: string[]): Promise<number> {
  try {
    const report = await migrateCommand(args, (line) => console.error(line));
    console.log(JSON.stringify(report, null, 2));
    console.error(
      'Copied. A server switched to the new log needs a DATA_DIR without read-models.db and process-managers.db (their checkpoints are positions of the old log); they are rebuilt from the new log on start.',
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      console.error(`Migration stopped: ${error.message}`);
      return 1;
    }
    if (error instanceof EventStoreUnavailableError) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      console.error(`Migration stopped: ${error.message}${cause}`);
      return 1;
    }
    throw error;
  }
}

function requireExisting(file: string): void {
  try {
    realpathSync(file);
  } catch {
    throw new MigrateUsageError(`--from ${file} does not exist`);
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (file: string) => {
    try {
      return realpathSync(file);
    } catch {
      return file;
    }
  };
  return real(a) === real(b);
}
