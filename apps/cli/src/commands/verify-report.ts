import type { LogProblem, LogProblemReason } from '@marginalia/verifiable-log';

/** What the auditor must fix before anything can be checked: exit 2, with the usage. */
export class VerifyUsageError extends Error {}

/** The checkpoint the auditor kept: the note as read, and what its text says (unverified). */
export interface KeptCheckpoint {
  note: string;
  treeSize: number;
  rootHash: Uint8Array;
}

/**
 * Besides the audit's reasons, a remote check can find that the server's own consistency
 * proof fails, or that it could not read the server to the end (which proves nothing either way).
 */
export type VerifyProblemReason =
  LogProblemReason | 'consistency_proof_failed' | 'unreachable' | 'bad_response';

export interface VerifyProblem extends Omit<LogProblem, 'reason'> {
  reason: VerifyProblemReason;
}

/** The JSON report: SPEC §9's `{ ok, treeSize, problems }`, with the rebuilt root and a count. */
export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  /** Base64 root hash of the tree rebuilt from the events. */
  rootHash: string;
  /** How many checkpoints were checked (the kept one and every one issued). */
  checkpoints: number;
  problems: VerifyProblem[];
}

/** In log order, as LogAudit sorts: a checkpoint's problem at its last leaf, unplaced ones first. */
export function inLogOrder(problems: VerifyProblem[]): VerifyProblem[] {
  const where = (problem: VerifyProblem) =>
    problem.leafIndex ?? (problem.treeSize === undefined ? -1 : problem.treeSize - 1);
  return [...problems].sort((a, b) => where(a) - where(b));
}
