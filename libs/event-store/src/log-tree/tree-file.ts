import type Database from 'better-sqlite3';
import { CompactRange, type TreeNode, type TreeNodes } from '@marginalia/verifiable-log';
import { commitDurably, openSqlite } from '../sqlite/open-sqlite';

/** The tree file's name in the data folder, beside the event log. */
export const LOG_TREE_FILE = 'log-tree.db';

/** A checkpoint as issued and kept (SPEC §9). */
export interface IssuedCheckpoint {
  treeSize: number;
  /** Base64, as the endpoints give it. */
  rootHash: string;
  issuedAt: string;
  /** The signed note, exactly as issued. */
  note: string;
}

/** A leaf as the tree file keeps it: the log position of its event, and its leaf hash. */
export interface StoredLeaf {
  leafIndex: number;
  position: number;
  hash: Buffer;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS leaves (
    leaf_index INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    hash BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS checkpoints (
    seq INTEGER PRIMARY KEY,
    tree_size INTEGER NOT NULL,
    root_hash BLOB NOT NULL,
    issued_at TEXT NOT NULL,
    note TEXT NOT NULL
  );
`;

/**
 * The log's Merkle tree on disk (SPEC §9): every leaf with its event's position, every perfect
 * subtree above them, and the checkpoints issued. Any root or proof reads O(log n) nodes.
 *
 * The leaves and nodes are derived from the event log and rebuilt from it when missing; the
 * checkpoints are not derived (they hold signatures and issue times) and survive a rebuild.
 * Leaves are written with synchronous=NORMAL: a power cut may lose the last batch, which is
 * appended again from the log. A checkpoint is made durable before it is handed out.
 */
export class TreeFile implements TreeNodes {
  private readonly db: Database.Database;
  private readonly statements: {
    leaf: Database.Statement<[number], { hash: Buffer }>;
    node: Database.Statement<[number, number], { hash: Buffer }>;
    insertLeaf: Database.Statement<[number, number, Buffer]>;
    insertNode: Database.Statement<[number, number, Buffer]>;
    size: Database.Statement<[], { size: number | null; position: number | null }>;
    leavesFrom: Database.Statement<[number, number], StoredLeafRow>;
    leafAt: Database.Statement<[number], StoredLeafRow>;
    positionsBetween: Database.Statement<
      [number, number],
      { leaf_index: number; position: number }
    >;
    lastCheckpoint: Database.Statement<[], CheckpointRow>;
    checkpointsAfter: Database.Statement<[number, number], CheckpointRow>;
    insertCheckpoint: Database.Statement<[number, Buffer, string, string]>;
  };
  private readonly writeLeaves: Database.Transaction<
    (leaves: StoredLeaf[], nodes: TreeNode[]) => void
  >;

  constructor(
    readonly file: string,
    options: { readonly?: boolean } = {},
  ) {
    this.db = openSqlite(file, options.readonly ? 'readOnly' : 'derived');
    if (!options.readonly) this.db.exec(SCHEMA);
    this.statements = {
      leaf: this.db.prepare('SELECT hash FROM leaves WHERE leaf_index = ?'),
      node: this.db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?'),
      insertLeaf: this.db.prepare(
        'INSERT INTO leaves (leaf_index, position, hash) VALUES (?, ?, ?)',
      ),
      insertNode: this.db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
      size: this.db.prepare(
        'SELECT MAX(leaf_index) + 1 AS size, MAX(position) AS position FROM leaves',
      ),
      leavesFrom: this.db.prepare(
        'SELECT leaf_index, position, hash FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      ),
      leafAt: this.db.prepare('SELECT leaf_index, position, hash FROM leaves WHERE position = ?'),
      positionsBetween: this.db.prepare(
        'SELECT leaf_index, position FROM leaves WHERE position BETWEEN ? AND ? ORDER BY position',
      ),
      lastCheckpoint: this.db.prepare(
        'SELECT seq, tree_size, root_hash, issued_at, note FROM checkpoints ORDER BY seq DESC LIMIT 1',
      ),
      checkpointsAfter: this.db.prepare(
        'SELECT seq, tree_size, root_hash, issued_at, note FROM checkpoints WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      insertCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (tree_size, root_hash, issued_at, note) VALUES (?, ?, ?, ?)',
      ),
    };
    this.writeLeaves = this.db.transaction((leaves: StoredLeaf[], nodes: TreeNode[]) => {
      for (const leaf of leaves) {
        this.statements.insertLeaf.run(leaf.leafIndex, leaf.position, leaf.hash);
      }
      for (const node of nodes) this.statements.insertNode.run(node.level, node.index, node.hash);
    });
  }

  /** How many leaves the tree holds, and the log position of the last one (0 when empty). */
  extent(): { size: number; position: number } {
    const row = this.statements.size.get();
    return { size: row?.size ?? 0, position: row?.position ?? 0 };
  }

  node(level: number, index: number): Buffer | undefined {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const row =
      level === 0 ? this.statements.leaf.get(index) : this.statements.node.get(level, index);
    return row?.hash;
  }

  /**
   * The compact range of the first `size` leaves: one perfect subtree per set bit of the size,
   * largest first, read from the stored nodes. What an append resumes from.
   */
  rangeAt(size: number): CompactRange {
    const peaks: Buffer[] = [];
    let offset = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const width = 2 ** level;
      if (size - offset < width) continue;
      const peak = this.node(level, offset / width);
      if (!peak) throw new Error(`The log's tree file misses node ${level}/${offset / width}`);
      peaks.push(peak);
      offset += width;
    }
    return new CompactRange(size, peaks);
  }

  /** Adds leaves and the nodes they complete in one transaction. */
  append(leaves: StoredLeaf[], nodes: TreeNode[]): void {
    if (leaves.length > 0) this.writeLeaves(leaves, nodes);
  }

  /** Stored leaves from `leafIndex` on, in order. */
  leaves(fromLeafIndex: number, limit: number): StoredLeaf[] {
    return this.statements.leavesFrom.all(fromLeafIndex, limit).map(leafOf);
  }

  /** The leaf index of each stored position between two positions (inclusive). */
  leafIndexes(fromPosition: number, toPosition: number): Map<number, number> {
    const rows = this.statements.positionsBetween.all(fromPosition, toPosition);
    return new Map(rows.map((row) => [row.position, row.leaf_index]));
  }

  leafAtPosition(position: number): StoredLeaf | undefined {
    const row = this.statements.leafAt.get(position);
    return row ? leafOf(row) : undefined;
  }

  lastCheckpoint(): (IssuedCheckpoint & { seq: number }) | undefined {
    const row = this.statements.lastCheckpoint.get();
    return row ? checkpointOf(row) : undefined;
  }

  /** Issued checkpoints after sequence number `seq` (0: from the first), oldest first. */
  checkpoints(afterSeq: number, limit: number): Array<IssuedCheckpoint & { seq: number }> {
    return this.statements.checkpointsAfter.all(afterSeq, limit).map(checkpointOf);
  }

  /** Every issued checkpoint, oldest first, read a page at a time. */
  allCheckpoints(): IssuedCheckpoint[] {
    const all: IssuedCheckpoint[] = [];
    for (let page = this.checkpoints(0, 1000); page.length > 0;) {
      for (const { seq: _seq, ...checkpoint } of page) all.push(checkpoint);
      page = this.checkpoints(page[page.length - 1]!.seq, 1000);
    }
    return all;
  }

  /** Keeps an issued checkpoint, on disk before this returns (synchronous=FULL for its commit). */
  keepCheckpoint(checkpoint: IssuedCheckpoint): number {
    const { lastInsertRowid } = commitDurably(this.db, () =>
      this.statements.insertCheckpoint.run(
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'base64'),
        checkpoint.issuedAt,
        checkpoint.note,
      ),
    );
    return Number(lastInsertRowid);
  }

  /** Forgets the leaves and nodes (kept checkpoints stay), for a rebuild from the log. */
  clearTree(): void {
    this.db.exec('DELETE FROM leaves; DELETE FROM nodes;');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface StoredLeafRow {
  leaf_index: number;
  position: number;
  hash: Buffer;
}

interface CheckpointRow {
  seq: number;
  tree_size: number;
  root_hash: Buffer;
  issued_at: string;
  note: string;
}

function leafOf(row: StoredLeafRow): StoredLeaf {
  return { leafIndex: row.leaf_index, position: row.position, hash: row.hash };
}

function checkpointOf(row: CheckpointRow): IssuedCheckpoint & { seq: number } {
  return {
    seq: row.seq,
    treeSize: row.tree_size,
    rootHash: row.root_hash.toString('base64'),
    issuedAt: row.issued_at,
    note: row.note,
  };
}
