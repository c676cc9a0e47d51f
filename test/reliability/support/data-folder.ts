import { join } from 'node:path';
import {
  type ChainReport,
  iterateAll,
  SqliteEventStore,
  type StoredEvent,
  verifyHashChains,
} from '@marginalia/event-store';
import {
  catchUp,
  compareReadModels,
  ReadModelDatabase,
  type ReadModelDifference,
} from '@marginalia/read-models';
import { makeTempDir } from '../../support/temp-dir';

export interface DataFolderReport {
  /** The whole log, in global order. */
  events: StoredEvent[];
  chains: ChainReport;
  /** The read models' checkpoint, and how they differ from a fresh replay up to it. */
  readModels: { position: number; differences: ReadModelDifference[] };
}

/**
 * Reads a data folder whose server is stopped, as a newcomer's tools would: the whole log, its
 * hash chains checked, and the read models compared with a replay of the log into a new file
 * (the same code as the integrity report and the rebuild).
 */
export async function inspectDataFolder(dataDir: string): Promise<DataFolderReport> {
  const store = new SqliteEventStore({
    file: join(dataDir, 'events.db'),
    crossProcessWakeups: false,
  });
  const live = new ReadModelDatabase(join(dataDir, 'read-models.db'));
  const scratch = makeTempDir('marginalia-replay-');
  const fresh = new ReadModelDatabase(join(scratch.path, 'read-models.db'));
  try {
    const events: StoredEvent[] = [];
    for await (const event of iterateAll(store, { pageSize: 2000 })) events.push(event);
    const chains = await verifyHashChains(store);
    const position = live.checkpoint();
    await catchUp(store, fresh, { until: position });
    const differences = compareReadModels(live.db, fresh.db);
    return { events, chains, readModels: { position, differences } };
  } finally {
    fresh.close();
    live.close();
    scratch.remove();
    await store.close();
  }
}

export interface Health {
  store: { headPosition: number };
  projector: { position: number; lag: number | null };
  processManagers: { position: number; lag: number | null; failures: number };
}

/** Polls GET /health until the read models and the process managers have caught up. */
export async function waitUntilCaughtUp(url: string, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as Health;
    if (health.projector.lag === 0 && health.processManagers.lag === 0) return health;
    if (Date.now() > deadline) {
      throw new Error(`Not caught up after ${timeoutMs} ms: ${JSON.stringify(health)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
