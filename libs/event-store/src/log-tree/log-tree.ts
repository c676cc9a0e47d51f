import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  rootAt,
  type TreeNode,
} from '@marginalia/verifiable-log';
import type { EventStore, StoredEvent } from '../event-store.port';
import { ConsumerPosition } from '../consumer-position';
import { inBatches } from '../subscription-batches';
import { eventLeafHash } from './log-leaf';
import type { StoredLeaf, TreeFile } from './tree-file';

/** The size and root of the tree as it stands. */
export interface TreeHead {
  treeSize: number;
  rootHash: Buffer;
}

/**
 * The log's Merkle tree kept up to date from the stored log, the same way on every store: it
 * follows the log from the last leaf's position and appends every event as the next leaf, in
 * batches, each batch's leaves and completed nodes written in one transaction of the tree file.
 * Before following, it checks that its last leaf is still the log's event at that position, and
 * rebuilds from the log when not (a log restored from a backup, or one edited underneath).
 */
export class LogTree {
  private range: CompactRange;
  private readonly progress = new ConsumerPosition();
  private readonly listeners = new Set<(head: TreeHead) => void>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'headPosition' | 'subscribeToAll'>,
    readonly file: TreeFile,
  ) {
    const { size, position } = file.extent();
    this.range = file.rangeAt(size);
    this.progress.moveTo(position);
  }

  get size(): number {
    return this.range.size;
  }

  /** The log position of the last leaf (0 when empty). */
  get position(): number {
    return this.progress.position;
  }

  head(): TreeHead {
    return { treeSize: this.range.size, rootHash: this.range.root() };
  }

  /** Called after every batch of leaves; a checkpoint cadence listens here. */
  onGrow(listener: (head: TreeHead) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks that the tree describes this log: its last leaf must be the leaf of the log's event
   * at the same position. Answers why not, after starting over from an empty tree.
   */
  async reconcile(): Promise<string | undefined> {
    const { size, position } = this.file.extent();
    if (size === 0) return undefined;
    const [event] = await this.store.readAll({ after: position - 1, maxCount: 1 });
    const stored = this.file.leafAtPosition(position);
    const why =
      event?.position !== position
        ? `the log has no event at position ${position}, the tree's last leaf`
        : !stored || !eventLeafHash(event).equals(stored.hash)
          ? `the log's event at position ${position} is not the tree's last leaf`
          : undefined;
    if (why) {
      this.file.clearTree();
      this.range = new CompactRange();
      this.progress.moveTo(0);
    }
    return why;
  }

  /** Appends the events as the next leaves, durably in the tree file, then moves on. */
  add(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const next = new CompactRange(this.range.size, this.range.hashes);
    const leaves: StoredLeaf[] = [];
    const nodes: TreeNode[] = [];
    for (const event of events) {
      const hash = eventLeafHash(event);
      const completed = next.append(hash);
      leaves.push({ leafIndex: next.size - 1, position: event.position, hash });
      for (let i = 1; i < completed.length; i++) nodes.push(completed[i]!);
    }
    this.file.append(leaves, nodes);
    this.range = next;
    this.progress.moveTo(events[events.length - 1]!.position);
    const head = this.head();
    for (const listener of this.listeners) listener(head);
  }

  /** Follows the stored log until the signal aborts (the server's way of keeping up). */
  async follow(signal: AbortSignal): Promise<void> {
    const messages = this.store.subscribeToAll({
      after: this.progress.position,
      signal,
      batchSize: 1000,
    });
    for await (const batch of inBatches(messages, 1000)) {
      this.add(batch);
      if (signal.aborted) return;
    }
  }

  /** Reads the log to its end and appends what is missing (a program that does not follow). */
  async catchUp(batchSize = 2000): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.progress.position, maxCount: batchSize });
      this.add(page);
      if (page.length < batchSize) return;
    }
  }

  /** True once every event up to `position` is a leaf, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  /** Waits until the tree covers the log as it stands now. */
  async waitForHead(timeoutMs = 5000): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  rootAt(treeSize: number): Buffer {
    checkSize(treeSize, this.range.size, 'treeSize');
    return treeSize === this.range.size ? this.range.root() : rootAt(treeSize, this.file);
  }

  /** RFC 9162 §2.1.3: the leaf's hash and its audit path in the tree of `treeSize` leaves. */
  inclusion(leafIndex: number, treeSize: number): { leafHash: Buffer; hashes: Buffer[] } {
    checkSize(treeSize, this.range.size, 'treeSize');
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
      throw new RangeError(`leafIndex must be from 0 to ${treeSize - 1}`);
    }
    return {
      leafHash: this.file.node(0, leafIndex)!,
      hashes: inclusionProof(leafIndex, treeSize, this.file),
    };
  }

  /** RFC 9162 §2.1.4: the proof that the tree of `second` leaves extends that of `first`. */
  consistency(first: number, second: number): Buffer[] {
    checkSize(second, this.range.size, 'second');
    if (!Number.isSafeInteger(first) || first < 1 || first > second) {
      throw new RangeError(`first must be from 1 to ${second}`);
    }
    return consistencyProof(first, second, this.file);
  }

  /** The leaf index of the event at a position, once the tree has it. */
  leafIndexOf(position: number): number | undefined {
    return this.file.leafAtPosition(position)?.leafIndex;
  }

  /** The leaf index of each event position between two positions, inclusive. */
  leafIndexes(fromPosition: number, toPosition: number): Map<number, number> {
    return this.file.leafIndexes(fromPosition, toPosition);
  }
}

function checkSize(size: number, current: number, name: string): void {
  if (!Number.isSafeInteger(size) || size < 1 || size > current) {
    throw new RangeError(
      current === 0
        ? 'the log is empty: there is no tree to prove anything in'
        : `${name} must be from 1 to ${current}, the current tree's size`,
    );
  }
}
