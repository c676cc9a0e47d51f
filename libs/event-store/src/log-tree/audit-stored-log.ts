import { LogAudit, type LogAuditOptions, type LogAuditReport } from '@marginalia/verifiable-log';
import type { EventStore } from '../event-store.port';
import { eventLeafHash } from './log-leaf';
import type { TreeFile } from './tree-file';

/** Small pages: each is read and hashed in one go, and the event loop breathes between them. */
const PAGE = 500;

/**
 * Rebuilds the tree from the stored log through the store's port (any store), checking it as
 * LogAudit does. With the tree file, each rebuilt leaf is also compared with the leaf kept
 * there, which names the first event that changed since it was appended.
 */
export async function auditStoredLog(
  store: Pick<EventStore, 'readAll'>,
  options: LogAuditOptions & { treeFile?: TreeFile },
): Promise<LogAuditReport> {
  const audit = new LogAudit(options);
  let after = 0;
  let leafMismatchSeen = false;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    const kept = leafMismatchSeen ? [] : (options.treeFile?.leaves(audit.size, page.length) ?? []);
    page.forEach((event, offset) => {
      const hash = eventLeafHash(event);
      const leafIndex = audit.size;
      const keptLeaf = kept[offset];
      if (!leafMismatchSeen && keptLeaf && !keptLeaf.hash.equals(hash)) {
        leafMismatchSeen = true;
        audit.report({
          reason: 'leaf_mismatch',
          leafIndex,
          detail: `leaf ${leafIndex} (position ${event.position}, ${event.streamId} revision ${event.revision}) is not the event that was appended as this leaf (appended at position ${keptLeaf.position})`,
        });
      }
      audit.addLeaf(event.position, Date.parse(event.recordedAt), hash);
    });
    if (page.length < PAGE) return audit.finish();
    after = page[page.length - 1]!.position;
  }
}
