import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/*
 * The event store of the tests' applications. SQLite (a file in DATA_DIR) unless the run asks
 * for EventStoreDB with EVENT_STORE=eventstoredb and EVENTSTORE_LOG_FACTORY, a command that
 * `start`s a fresh, empty server and prints its connection string, and `stop`s it given that
 * string (docs/eventstoredb.md). Then every data folder gets a log of its own, started on first
 * use and reused by every restart on that folder, so the same test files run on both stores.
 */
const run = promisify(execFile);

export type StoreUnderTest = 'sqlite' | 'eventstoredb';

/** Which store the suites run on, from the environment of the run. */
export function storeUnderTest(env: NodeJS.ProcessEnv = process.env): StoreUnderTest {
  if (env.EVENT_STORE?.trim() !== 'eventstoredb') return 'sqlite';
  if (!env.EVENTSTORE_LOG_FACTORY?.trim()) {
    // A shared server would mix the suites' logs: refuse rather than quietly run on SQLite.
    throw new Error(
      'EVENT_STORE=eventstoredb: the end-to-end suites need EVENTSTORE_LOG_FACTORY, a command ' +
        'that starts a fresh EventStoreDB log per data folder (docs/eventstoredb.md)',
    );
  }
  return 'eventstoredb';
}

interface Log {
  connectionString: Promise<string>;
}

/**
 * The running logs of this test file, by data folder: on the test file's global, where the
 * run's test environment (eventstoredb-environment.js) stops what is left after its last hook.
 */
const logs: Map<string, Log> = ((
  globalThis as { __marginaliaEventLogs?: Map<string, Log> }
).__marginaliaEventLogs ??= new Map());

function factory(): string {
  return process.env.EVENTSTORE_LOG_FACTORY!.trim();
}

/**
 * What to add to an application's configuration for its data folder: nothing on SQLite, or
 * EVENT_STORE and the connection string of the folder's own EventStoreDB log. Configuration
 * that names a store already is left alone (the failover test brings its own cluster).
 */
export async function storeEnvFor(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Record<string, string>> {
  if (env.EVENT_STORE !== undefined || env.EVENTSTORE_CONNECTION_STRING !== undefined) return {};
  if (storeUnderTest() === 'sqlite') return {};
  await releaseRemovedFolders();
  let log = logs.get(dataDir);
  if (!log) {
    log = { connectionString: takeSpareOrStart() };
    logs.set(dataDir, log);
  }
  return {
    EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: await log.connectionString,
  };
}

/** A log started ahead, so that the next folder need not wait the server's ~3 s start. */
const SPARE = '(spare)';

function takeSpareOrStart(): Promise<string> {
  const next = logs.get(SPARE)?.connectionString ?? startLog();
  const spare = startLog();
  spare.catch(() => undefined); // reported to whoever takes it
  logs.set(SPARE, { connectionString: spare });
  return next;
}

async function startLog(): Promise<string> {
  const { stdout } = await run(factory(), ['start', String(process.pid)], { timeout: 120_000 });
  const last = stdout.trim().split('\n').pop() ?? '';
  if (!/^esdb(\+discover)?:\/\//.test(last)) {
    throw new Error(`EVENTSTORE_LOG_FACTORY start printed no connection string: ${stdout}`);
  }
  return last;
}

/** Stops the log of a data folder that is done with; a later start gets a fresh one. */
export async function releaseLog(dataDir: string): Promise<void> {
  const log = logs.get(dataDir);
  if (!log) return;
  logs.delete(dataDir);
  const connectionString = await log.connectionString.catch(() => undefined);
  if (connectionString) await run(factory(), ['stop', connectionString], { timeout: 60_000 });
}

/** Stops the logs of folders the tests have removed (they outlive the app for restarts). */
async function releaseRemovedFolders(): Promise<void> {
  const gone = [...logs.keys()].filter((dataDir) => dataDir !== SPARE && !existsSync(dataDir));
  await Promise.all(gone.map(releaseLog));
}
