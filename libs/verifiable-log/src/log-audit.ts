import { Buffer } from 'node:buffer';
import { openCheckpoint } from './checkpoint';
import { CompactRange } from './merkle-compact-range';
import { SignedNoteError } from './note-errors';
import type { NoteVerifier } from './note-keys';

/** Why a log does not verify (SPEC §9); the names are part of the reports' contract. */
export type LogProblemReason =
  | 'position_gap'
  | 'position_out_of_order'
  | 'recorded_time_went_back'
  | 'leaf_index_mismatch'
  | 'leaf_mismatch'
  | 'checkpoint_unverified'
  | 'checkpoint_origin_mismatch'
  | 'checkpoint_out_of_order'
  | 'checkpoint_beyond_log'
  | 'checkpoint_root_mismatch';

export interface LogProblem {
  reason: LogProblemReason;
  /** The leaf the problem is found at (leaf problems). */
  leafIndex?: number;
  /** The size of the checkpoint concerned (checkpoint problems). */
  treeSize?: number;
  detail: string;
}

/** A checkpoint to check: its signed note, and where it came from for the report. */
export interface CheckpointToAudit {
  note: string;
  /** `kept` for the auditor's own copy, `issued` for those the log's keeper lists. */
  source: 'kept' | 'issued';
}

export interface LogAuditOptions {
  verifiers: readonly NoteVerifier[];
  checkpoints: readonly CheckpointToAudit[];
  /** SQLite's positions count 1, 2, 3…; EventStoreDB's only grow. */
  densePositions: boolean;
  /** The origin every checkpoint must name; default: that of the first checkpoint. */
  origin?: string;
}

export interface LogAuditReport {
  ok: boolean;
  treeSize: number;
  /** Base64 root hash of the rebuilt tree. */
  rootHash: string;
  /** How many checkpoints were checked. */
  checkpoints: number;
  /** In log order: the first names the first leaf or checkpoint that does not verify. */
  problems: LogProblem[];
}

interface PendingCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  source: CheckpointToAudit['source'];
}

/**
 * Rebuilds the log's tree leaf by leaf and checks it against checkpoints, in one pass and
 * O(log n) memory besides the checkpoints: positions dense (or increasing), recorded times
 * never going back, every checkpoint signed by a known key, and the rebuilt root equal to each
 * checkpoint's at its size. Pure: the caller reads the log and computes the leaf hashes.
 */
export class LogAudit {
  private readonly range = new CompactRange();
  private readonly problems: LogProblem[] = [];
  private readonly pending: PendingCheckpoint[] = [];
  private next = 0;
  private lastPosition = 0;
  private lastRecordedAt = Number.NEGATIVE_INFINITY;
  private readonly checkedCount: number;
  private readonly densePositions: boolean;

  constructor(options: LogAuditOptions) {
    this.densePositions = options.densePositions;
    let origin = options.origin;
    let largestIssued = -1;
    for (const { note, source } of options.checkpoints) {
      const opened = this.open(note, source, options.verifiers);
      if (!opened) continue;
      origin ??= opened.origin;
      if (opened.origin !== origin) {
        this.fail('checkpoint_origin_mismatch', {
          treeSize: opened.treeSize,
          detail: `${describe(source)} names the log ${JSON.stringify(opened.origin)}, not ${JSON.stringify(origin)}`,
        });
        continue;
      }
      if (source === 'issued') {
        if (opened.treeSize < largestIssued) {
          this.fail('checkpoint_out_of_order', {
            treeSize: opened.treeSize,
            detail: `an issued checkpoint of ${opened.treeSize} leaves follows one of ${largestIssued}`,
          });
        }
        largestIssued = Math.max(largestIssued, opened.treeSize);
      }
      this.pending.push({ ...opened, source });
    }
    this.checkedCount = options.checkpoints.length;
    this.pending.sort((a, b) => a.treeSize - b.treeSize);
    this.settle();
  }

  /** How many leaves so far. */
  get size(): number {
    return this.range.size;
  }

  /** The next leaf, in log order: its event's position and recorded time (ms), its hash. */
  addLeaf(position: number, recordedAtMs: number, leafHash: Buffer): void {
    const leafIndex = this.range.size;
    if (this.densePositions ? position !== this.lastPosition + 1 : position <= this.lastPosition) {
      const gap = position > this.lastPosition + 1;
      this.fail(gap ? 'position_gap' : 'position_out_of_order', {
        leafIndex,
        detail: gap
          ? `leaf ${leafIndex} is at position ${position}: positions ${this.lastPosition + 1} to ${position - 1} are missing`
          : `leaf ${leafIndex} is at position ${position}, not after ${this.lastPosition}`,
      });
    }
    if (recordedAtMs < this.lastRecordedAt) {
      this.fail('recorded_time_went_back', {
        leafIndex,
        detail: `leaf ${leafIndex} (position ${position}) was recorded at ${iso(recordedAtMs)}, before the previous event's ${iso(this.lastRecordedAt)}`,
      });
    }
    this.lastPosition = position;
    this.lastRecordedAt = Math.max(this.lastRecordedAt, recordedAtMs);
    this.range.push(leafHash);
    this.settle();
  }

  /** A problem found by the caller (a stored leaf that differs, a feed's wrong leafIndex). */
  report(problem: LogProblem): void {
    this.problems.push(problem);
  }

  finish(): LogAuditReport {
    for (const checkpoint of this.pending.splice(this.next)) {
      this.fail('checkpoint_beyond_log', {
        treeSize: checkpoint.treeSize,
        detail: `${describe(checkpoint.source)} covers ${checkpoint.treeSize} leaves; the log has ${this.range.size}: its end was cut`,
      });
    }
    const problems = [...this.problems].sort((a, b) => where(a) - where(b));
    return {
      ok: problems.length === 0,
      treeSize: this.range.size,
      rootHash: this.range.root().toString('base64'),
      checkpoints: this.checkedCount,
      problems,
    };
  }

  /** Compares the rebuilt root with every checkpoint whose size is reached. */
  private settle(): void {
    let root: Buffer | undefined;
    while (this.next < this.pending.length && this.pending[this.next]!.treeSize === this.size) {
      const checkpoint = this.pending[this.next++]!;
      root ??= this.range.root();
      if (!root.equals(checkpoint.rootHash)) {
        this.fail('checkpoint_root_mismatch', {
          treeSize: checkpoint.treeSize,
          detail: `the log's first ${checkpoint.treeSize} leaves do not hash to the root of ${describe(checkpoint.source)}: an event it covers was changed, removed, moved or added`,
        });
      }
    }
  }

  private open(
    note: string,
    source: CheckpointToAudit['source'],
    verifiers: readonly NoteVerifier[],
  ) {
    try {
      const { checkpoint } = openCheckpoint(note, verifiers);
      return {
        origin: checkpoint.origin,
        treeSize: checkpoint.treeSize,
        rootHash: Buffer.from(checkpoint.rootHash),
      };
    } catch (error) {
      if (!(error instanceof SignedNoteError)) throw error;
      this.fail('checkpoint_unverified', {
        treeSize: sizeOf(note),
        detail: `${describe(source)} does not verify with the log's key: ${error.message}`,
      });
      return undefined;
    }
  }

  private fail(reason: LogProblemReason, problem: Omit<LogProblem, 'reason'>): void {
    this.problems.push({ reason, ...problem });
  }
}

/** Where in the log a problem lies, to put the earliest first: a checkpoint at its last leaf. */
function where(problem: LogProblem): number {
  if (problem.leafIndex !== undefined) return problem.leafIndex;
  if (problem.treeSize !== undefined) return problem.treeSize - 1;
  return -1;
}

function describe(source: CheckpointToAudit['source']): string {
  return source === 'kept' ? 'the checkpoint you kept' : 'an issued checkpoint';
}

/** A size read from an unverified note, only to place the problem in the report. */
function sizeOf(note: string): number | undefined {
  const line = note.split('\n')[1];
  return line !== undefined && /^(0|[1-9][0-9]{0,15})$/.test(line) ? Number(line) : undefined;
}

function iso(milliseconds: number): string {
  return Number.isFinite(milliseconds)
    ? new Date(milliseconds).toISOString()
    : String(milliseconds);
}
