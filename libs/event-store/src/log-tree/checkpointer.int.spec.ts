import { join } from 'node:path';
import {
  emptyRoot,
  generateSigner,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
} from '@marginalia/verifiable-log';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { newEvents } from '../testing';
import { Checkpointer, LogInconsistentError } from './checkpointer';
import { LogTree } from './log-tree';
import { type IssuedCheckpoint, TreeFile } from './tree-file';

const ORIGIN = 'news.example/marginalia';
const { signer, verifierKey } = generateSigner(ORIGIN, Buffer.alloc(32, 3));
const verifier = parseVerifierKey(verifierKey);
const NOW = new Date('2026-12-07T22:00:00.000Z');

/** Checkpoints of a real tree file over a real SQLite log. */
describe('issuing checkpoints of the log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const opened: Array<{ close(): unknown }> = [];

  beforeEach(() => (dir = makeTempDir('marginalia-checkpointer-')));
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close();
    dir.remove();
  });

  function open(logName = 'events.db') {
    const store = new SqliteEventStore({
      file: join(dir.path, logName),
      crossProcessWakeups: false,
    });
    const file = new TreeFile(join(dir.path, 'log-tree.db'));
    opened.push(store, file);
    const tree = new LogTree(store, file);
    const errors: Error[] = [];
    const checkpointer = new Checkpointer(
      tree,
      signer,
      ORIGIN,
      () => NOW,
      (e) => errors.push(e),
    );
    opened.push({ close: () => checkpointer.stop() });
    let streams = 0;
    const append = async (count: number) => {
      await store.append(`claim-${++streams}`, newEvents(count), { expectedRevision: 'no_stream' });
    };
    return { store, file, tree, checkpointer, errors, append };
  }

  const opens = (checkpoint: IssuedCheckpoint) => openCheckpoint(checkpoint.note, [verifier]);

  it('signs the tree as it stands, keeps the checkpoint and hands out the same', async () => {
    const { tree, file, checkpointer, append } = open();
    await append(5);
    await tree.catchUp();
    const issued = checkpointer.issue();
    expect(issued).toEqual({
      treeSize: 5,
      rootHash: tree.head().rootHash.toString('base64'),
      issuedAt: NOW.toISOString(),
      note: expect.stringMatching(/^news\.example\/marginalia\n5\n.{44}\n\n— news\.example/),
    });
    const { checkpoint } = opens(issued);
    expect(checkpoint).toEqual({ origin: ORIGIN, treeSize: 5, rootHash: tree.rootAt(5) });
    expect(checkpointer.latest()).toEqual(issued);
    expect(file.checkpoints(0, 10)).toEqual([{ ...issued, seq: 1 }]);
    expect(checkpointer.verifierKey).toBe(verifierKey);
  });

  it('issues a checkpoint of the empty log, and later ones after it', async () => {
    const { tree, checkpointer, append } = open();
    const empty = checkpointer.issue();
    expect(opens(empty).checkpoint).toMatchObject({ treeSize: 0, rootHash: emptyRoot() });
    await append(2);
    await tree.catchUp();
    expect(checkpointer.issue().treeSize).toBe(2);
  });

  it('issues none when the latest already covers the tree', async () => {
    const { tree, file, checkpointer, append } = open();
    await append(3);
    await tree.catchUp();
    expect(checkpointer.issueIfBehind()?.treeSize).toBe(3);
    expect(checkpointer.issueIfBehind()).toBeUndefined();
    await append(1);
    await tree.catchUp();
    expect(checkpointer.issueIfBehind()?.treeSize).toBe(4);
    expect(file.checkpoints(0, 10).map((c) => c.treeSize)).toEqual([3, 4]);
  });

  it('refuses to sign a tree that does not extend the last checkpoint: another history', async () => {
    const first = open();
    await first.append(6);
    await first.tree.catchUp();
    first.checkpointer.issue();
    first.file.close();

    // The same tree file over another log of the same length, rebuilt from it.
    const other = open('other.db');
    await other.append(6);
    expect(await other.tree.reconcile()).toBeDefined();
    await other.tree.catchUp();
    expect(() => other.checkpointer.issue()).toThrow(
      new LogInconsistentError(
        "The log's first 6 leaves no longer hash to the last checkpoint's root",
      ),
    );
    // A checkpoint of the same size but another root covers nothing: refused, not skipped.
    expect(() => other.checkpointer.issueIfBehind()).toThrow(LogInconsistentError);
    await other.append(1);
    await other.tree.catchUp();
    expect(() => other.checkpointer.issueIfBehind()).toThrow(LogInconsistentError);
    expect(other.file.checkpoints(0, 10)).toHaveLength(1);
  });

  it('refuses to sign a tree shorter than the last checkpoint: a cut log', async () => {
    const first = open();
    await first.append(6);
    await first.tree.catchUp();
    first.checkpointer.issue();
    first.file.close();

    const cut = open('cut.db');
    await cut.append(4);
    await cut.tree.reconcile();
    await cut.tree.catchUp();
    expect(() => cut.checkpointer.issue()).toThrow(
      new LogInconsistentError(
        "The log's tree has 4 leaves, fewer than the 6 of the last checkpoint",
      ),
    );
    expect(cut.checkpointer.latest()?.treeSize).toBe(6);
  });

  it('issues by itself every N events and after the interval, each consistent with the last', async () => {
    const { tree, file, checkpointer, append } = open();
    const stop = new AbortController();
    const following = tree.follow(stop.signal);
    checkpointer.start({ intervalMs: 400, everyEvents: 3 });
    await append(3);
    await tree.waitForHead();
    expect(file.checkpoints(0, 10).map((c) => c.treeSize)).toEqual([3]);

    await append(1);
    await tree.waitForHead();
    expect(file.checkpoints(0, 10)).toHaveLength(1); // not before the interval
    const grownAt = Date.now();
    while (file.checkpoints(0, 10).length < 2 && Date.now() < grownAt + 3000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Date.now() - grownAt).toBeGreaterThanOrEqual(350);
    expect(file.checkpoints(0, 10).map((c) => c.treeSize)).toEqual([3, 4]);

    await append(5);
    await tree.waitForHead();
    const issued = file.checkpoints(0, 10);
    expect(issued.map((c) => c.treeSize)).toEqual([3, 4, 9]);
    for (let i = 1; i < issued.length; i++) {
      const [a, b] = [opens(issued[i - 1]!).checkpoint, opens(issued[i]!).checkpoint];
      const proof = tree.consistency(a.treeSize, b.treeSize);
      expect(verifyConsistency(a.treeSize, b.treeSize, a.rootHash, b.rootHash, proof)).toBe(true);
    }
    checkpointer.stop();
    stop.abort();
    await following;
  });

  it('issues nothing more once stopped, not even the one its interval was waiting for', async () => {
    const { tree, file, checkpointer, append } = open();
    checkpointer.start({ intervalMs: 100, everyEvents: 100 });
    await append(1);
    await tree.catchUp();
    checkpointer.stop();
    await append(1); // growth after the stop starts no interval either
    await tree.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(file.checkpoints(0, 10)).toEqual([]);
  });

  it('reports, rather than throws, a refusal on its cadence', async () => {
    const first = open();
    await first.append(4);
    await first.tree.catchUp();
    first.checkpointer.issue();
    first.file.close();

    const other = open('other.db');
    await other.append(6);
    await other.tree.reconcile();
    other.checkpointer.start({ intervalMs: 10_000, everyEvents: 2 });
    await other.tree.catchUp(2); // grows past the last checkpoint at 6 leaves
    expect(other.errors.map((error) => error.name)).toContain('LogInconsistentError');
    expect(other.file.checkpoints(0, 10)).toHaveLength(1);
  });
});
