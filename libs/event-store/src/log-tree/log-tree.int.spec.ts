import { join } from 'node:path';
import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  MemoryTreeNodes,
  rootAt,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from '@marginalia/verifiable-log';
import { makeTempDir } from '../../../../test/support/temp-dir';
import type { StoredEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { newEvents } from '../testing';
import { eventLeafHash, leafEntry } from './log-leaf';
import { LogTree } from './log-tree';
import { TreeFile } from './tree-file';

const hex = (hashes: readonly Buffer[]) => hashes.map((hash) => hash.toString('hex')).join();

/** The log's tree kept in a real tree file, following a real SQLite event log. */
describe("the log's tree in its file", () => {
  let dir: ReturnType<typeof makeTempDir>;
  const opened: Array<{ close(): unknown }> = [];

  beforeEach(() => (dir = makeTempDir('marginalia-log-tree-')));
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close();
    dir.remove();
  });

  function openStore(name = 'events.db'): SqliteEventStore {
    const store = new SqliteEventStore({ file: join(dir.path, name), crossProcessWakeups: false });
    opened.push(store);
    return store;
  }

  function openTree(store: SqliteEventStore): LogTree {
    const file = new TreeFile(join(dir.path, 'log-tree.db'));
    opened.push(file);
    return new LogTree(store, file);
  }

  /** Appends `count` events in streams of up to five; answers the log as stored. */
  async function appendEvents(store: SqliteEventStore, count: number, tag = 'a') {
    for (let done = 0; done < count; done += 5) {
      const events = newEvents(Math.min(5, count - done), {}, { tag, from: done });
      await store.append(`claim-${tag}-${done}`, events, { expectedRevision: 'no_stream' });
    }
    return store.readAll({ maxCount: 10_000 });
  }

  /** The same leaves appended to an in-memory tree: the reference the file must agree with. */
  function memoryTree(events: StoredEvent[]) {
    const nodes = new MemoryTreeNodes();
    const range = new CompactRange();
    const ranges = [new CompactRange()];
    for (const event of events) {
      range.append(eventLeafHash(event)).forEach((node) => nodes.put(node));
      ranges.push(new CompactRange(range.size, range.hashes));
    }
    return { nodes, ranges };
  }

  it('gives the roots and proofs of an in-memory tree for every size from 1 to 70', async () => {
    const store = openStore();
    const events = await appendEvents(store, 70);
    const tree = openTree(store);
    await tree.catchUp(7); // batches that end inside perfect subtrees
    const { nodes } = memoryTree(events);
    const entries = events.map((event) => Buffer.from(leafEntry(event)));
    expect(tree.head().rootHash).toEqual(treeHash(entries));
    // Differences are collected as text: jest's deep equality on thousands of Buffers is slow.
    const differences: string[] = [];
    const differ = (what: string, actual: Buffer[], expected: Buffer[]) => {
      if (hex(actual) !== hex(expected)) differences.push(what);
    };
    for (let size = 1; size <= 70; size++) {
      const root = tree.rootAt(size);
      differ(`root ${size}`, [root, root], [rootAt(size, nodes), treeHash(entries.slice(0, size))]);
      for (let leaf = 0; leaf < size; leaf++) {
        const proof = tree.inclusion(leaf, size);
        differ(`inclusion ${leaf} ${size}`, proof.hashes, inclusionProof(leaf, size, nodes));
        if (!verifyInclusion(leaf, size, proof.leafHash, proof.hashes, root)) {
          differences.push(`inclusion ${leaf} ${size} does not verify`);
        }
      }
      for (let first = 1; first <= size; first++) {
        const proof = tree.consistency(first, size);
        differ(`consistency ${first} ${size}`, proof, consistencyProof(first, size, nodes));
        if (!verifyConsistency(first, size, tree.rootAt(first), root, proof)) {
          differences.push(`consistency ${first} ${size} does not verify`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('knows the leaf index of every position it holds', async () => {
    const store = openStore();
    await appendEvents(store, 12);
    const tree = openTree(store);
    await tree.catchUp();
    expect(tree.leafIndexOf(1)).toBe(0);
    expect(tree.leafIndexOf(12)).toBe(11);
    expect(tree.leafIndexOf(13)).toBeUndefined();
    expect([...tree.leafIndexes(4, 6)]).toEqual([
      [4, 3],
      [5, 4],
      [6, 5],
    ]);
    expect(tree.position).toBe(12);
  });

  it('resumes from its file after a restart, with the same ranges and roots', async () => {
    const store = openStore();
    const events = await appendEvents(store, 37);
    const first = openTree(store);
    await first.catchUp(10);
    const before = first.head();
    first.file.close();

    const file = new TreeFile(join(dir.path, 'log-tree.db'));
    opened.push(file);
    const { ranges } = memoryTree(events);
    for (let size = 0; size <= 37; size++) {
      expect(file.rangeAt(size).hashes).toEqual(ranges[size]!.hashes);
    }
    const resumed = new LogTree(store, file);
    expect(resumed.head()).toEqual(before);
    expect(resumed.position).toBe(37);
    expect(await resumed.reconcile()).toBeUndefined();

    const all = [...events, ...(await appendEvents(store, 29, 'b')).slice(37)];
    await resumed.catchUp(4);
    expect(resumed.size).toBe(66);
    const { nodes } = memoryTree(all);
    for (let size = 1; size <= 66; size++)
      expect(resumed.rootAt(size)).toEqual(rootAt(size, nodes));
  });

  it("rebuilds from the log when the log's event at its last leaf is another", async () => {
    const store = openStore();
    await appendEvents(store, 10);
    const tree = openTree(store);
    await tree.catchUp();
    tree.file.keepCheckpoint({ treeSize: 10, rootHash: 'AAAA', issuedAt: 'then', note: 'kept' });
    tree.file.close();

    // Another log of the same length in the tree's place: a restored backup of another history.
    const other = openStore('other.db');
    const otherEvents = await appendEvents(other, 10, 'z');
    const rebuilt = openTree(other);
    expect(await rebuilt.reconcile()).toBe(
      "the log's event at position 10 is not the tree's last leaf",
    );
    expect(rebuilt.size).toBe(0);
    expect(rebuilt.position).toBe(0);
    await rebuilt.catchUp();
    expect(rebuilt.head().rootHash).toEqual(
      treeHash(otherEvents.map((event) => Buffer.from(leafEntry(event)))),
    );
    // Checkpoints are not derived from the log: they stay, for the audit to report.
    expect(rebuilt.file.checkpoints(0, 10)).toMatchObject([{ treeSize: 10, note: 'kept' }]);
  });

  it('rebuilds from the log when the log has no event at its last leaf (a cut log)', async () => {
    const store = openStore();
    await appendEvents(store, 10);
    const tree = openTree(store);
    await tree.catchUp();
    tree.file.close();

    const shorter = openStore('shorter.db');
    await appendEvents(shorter, 6);
    const rebuilt = openTree(shorter);
    expect(await rebuilt.reconcile()).toBe(
      "the log has no event at position 10, the tree's last leaf",
    );
    await rebuilt.catchUp();
    expect(rebuilt.size).toBe(6);
    expect(rebuilt.leafIndexOf(10)).toBeUndefined();
  });

  it('follows the log as it grows, telling its listeners after each batch', async () => {
    const store = openStore();
    await appendEvents(store, 3);
    const tree = openTree(store);
    const heads: number[] = [];
    tree.onGrow((head) => heads.push(head.treeSize));
    const stop = new AbortController();
    const following = tree.follow(stop.signal);
    expect(await tree.waitForHead(2000)).toBe(true);
    await appendEvents(store, 4, 'later');
    expect(await tree.waitFor(7, 2000)).toBe(true);
    expect(await tree.waitFor(8, 50)).toBe(false);
    stop.abort();
    await following;
    expect(heads[heads.length - 1]).toBe(7);
    expect(heads).toEqual([...heads].sort((a, b) => a - b));
  });

  it('refuses proofs outside the tree with a RangeError naming the bounds', async () => {
    const store = openStore();
    const empty = openTree(store);
    expect(() => empty.rootAt(1)).toThrow(
      new RangeError('the log is empty: there is no tree to prove anything in'),
    );
    await appendEvents(store, 5);
    await empty.catchUp();
    expect(() => empty.inclusion(0, 6)).toThrow(
      new RangeError("treeSize must be from 1 to 5, the current tree's size"),
    );
    expect(() => empty.inclusion(5, 5)).toThrow(new RangeError('leafIndex must be from 0 to 4'));
    expect(() => empty.inclusion(-1, 5)).toThrow(RangeError);
    expect(() => empty.consistency(0, 5)).toThrow(new RangeError('first must be from 1 to 5'));
    expect(() => empty.consistency(4, 3.5)).toThrow(RangeError);
    expect(() => empty.consistency(1, 6)).toThrow(
      new RangeError("second must be from 1 to 5, the current tree's size"),
    );
  });
});
