// The verifiable log of SPEC §9: the RFC 9162 Merkle tree over the events, its proofs, and
// C2SP checkpoints signed as C2SP signed notes. Pure: hashing and signing, no I/O, no clock.
export { HASH_SIZE, emptyRoot, leafHash, nodeHash, treeHash } from './merkle-hash';
export { CompactRange } from './merkle-compact-range';
export { MemoryTreeNodes, type TreeNode, type TreeNodes } from './tree-nodes';
export { consistencyProof, inclusionProof, rootAt } from './merkle-proofs';
export { verifyConsistency, verifyInclusion } from './merkle-verify';
export * from './note-errors';
export {
  type NoteSigner,
  type NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys';
export { type NoteSignature, type OpenedNote, openNote, signNote } from './note';
export { type Checkpoint, formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint';
export {
  type CheckpointToAudit,
  LogAudit,
  type LogAuditOptions,
  type LogAuditReport,
  type LogProblem,
  type LogProblemReason,
} from './log-audit';
