import { type MarginaliaConfig } from '@marginalia/config';
import { auditStoredLog, type TreeFile } from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import type { LogAuditOptions, LogAuditReport } from '@marginalia/verifiable-log';

/*
 * Loaded only when EVENT_STORE is eventstoredb, so that a SQLite check does not load the
 * EventStoreDB client. Its positions are sparse: they need only grow.
 */
export async function auditEventStoreDb(
  config: MarginaliaConfig,
  options: Omit<LogAuditOptions, 'densePositions'> & { treeFile?: TreeFile },
): Promise<LogAuditReport> {
  const store = new EventStoreDbEventStore({
    connectionString: config.eventStoreConnectionString!,
  });
  try {
    return await auditStoredLog(store, { ...options, densePositions: false });
  } finally {
    await store.close();
  }
}
