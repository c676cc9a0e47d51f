export { eventLeafHash, leafEntry, type LeafFields } from './log-leaf';
export { type IssuedCheckpoint, LOG_TREE_FILE, type StoredLeaf, TreeFile } from './tree-file';
export { LogTree, type TreeHead } from './log-tree';
export { type CheckpointCadence, Checkpointer, LogInconsistentError } from './checkpointer';
export { auditStoredLog } from './audit-stored-log';
export { auditSqliteLog, type SqliteAuditOptions } from './sqlite-leaf-reader';
