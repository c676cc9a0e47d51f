import { formatCheckpoint, type NoteSigner, signNote } from '@marginalia/verifiable-log';
import type { LogTree, TreeHead } from './log-tree';
import type { IssuedCheckpoint } from './tree-file';

/** The tree no longer extends the last checkpoint issued: the log changed underneath. */
export class LogInconsistentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogInconsistentError';
  }
}

export interface CheckpointCadence {
  /** At most this long after the tree grew, a checkpoint covers it. */
  intervalMs: number;
  /** A checkpoint as soon as this many leaves were added since the last one. */
  everyEvents: number;
}

/**
 * Issues the log's checkpoints (SPEC §9): signed C2SP tlog-checkpoint notes of the tree as it
 * stands, each kept in the tree file before it is handed out, and none issued unless the tree
 * still extends the last one kept (its root at the last one's size is the last one's root).
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly tree: LogTree,
    private readonly signer: NoteSigner,
    private readonly origin: string,
    private readonly clock: () => Date,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** The key that verifies the checkpoints, in signed-note form. */
  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  /** The latest checkpoint kept, if any. */
  latest(): IssuedCheckpoint | undefined {
    const last = this.tree.file.lastCheckpoint();
    return last && withoutSeq(last);
  }

  /** Signs and keeps a checkpoint of the tree as it stands now. */
  issue(): IssuedCheckpoint {
    const head = this.tree.head();
    this.checkExtendsLast(head);
    const note = signNote(
      formatCheckpoint({ origin: this.origin, treeSize: head.treeSize, rootHash: head.rootHash }),
      [this.signer],
    );
    const checkpoint: IssuedCheckpoint = {
      treeSize: head.treeSize,
      rootHash: head.rootHash.toString('base64'),
      issuedAt: this.clock().toISOString(),
      note,
    };
    this.tree.file.keepCheckpoint(checkpoint);
    this.clearTimer();
    return checkpoint;
  }

  /** Issues one unless the latest already covers the whole tree. */
  issueIfBehind(): IssuedCheckpoint | undefined {
    const last = this.tree.file.lastCheckpoint();
    const head = this.tree.head();
    const covered =
      last?.treeSize === head.treeSize && last.rootHash === head.rootHash.toString('base64');
    // A last checkpoint of the same size but another root is no cover: issue() refuses loudly.
    return covered ? undefined : this.issue();
  }

  /** Issues checkpoints by themselves as the tree grows, on the cadence given. */
  start(cadence: CheckpointCadence): void {
    this.unsubscribe ??= this.tree.onGrow((head) => {
      const grown = head.treeSize - (this.tree.file.lastCheckpoint()?.treeSize ?? 0);
      if (grown >= cadence.everyEvents) this.issueQuietly();
      else
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.issueQuietly();
        }, cadence.intervalMs).unref();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.clearTimer();
  }

  private issueQuietly(): void {
    try {
      this.issueIfBehind();
    } catch (error) {
      this.onError(error as Error);
    }
  }

  private checkExtendsLast(head: TreeHead): void {
    const last = this.tree.file.lastCheckpoint();
    if (!last || last.treeSize === 0) return;
    if (last.treeSize > head.treeSize) {
      throw new LogInconsistentError(
        `The log's tree has ${head.treeSize} leaves, fewer than the ${last.treeSize} of the last checkpoint`,
      );
    }
    if (this.tree.rootAt(last.treeSize).toString('base64') !== last.rootHash) {
      throw new LogInconsistentError(
        `The log's first ${last.treeSize} leaves no longer hash to the last checkpoint's root`,
      );
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function withoutSeq({ seq: _seq, ...checkpoint }: IssuedCheckpoint & { seq: number }) {
  return checkpoint;
}
