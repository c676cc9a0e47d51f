import { formatCheckpoint } from './checkpoint';
import { emptyRoot, leafHash, treeHash } from './merkle-hash';
import { LogAudit, type LogAuditOptions, type CheckpointToAudit } from './log-audit';
import { signNote } from './note';
import { generateSigner, parseVerifierKey } from './note-keys';

const ORIGIN = 'news.example/marginalia';
const { signer } = generateSigner(ORIGIN, Buffer.alloc(32, 7));
const stranger = generateSigner(ORIGIN, Buffer.alloc(32, 9)).signer;
const verifiers = [parseVerifierKey(signer.verifierKey)];

const entries = Array.from({ length: 8 }, (_, i) => Buffer.from(`event ${i}`));
const T0 = Date.parse('2026-12-07T12:00:00.000Z');

/** A signed checkpoint of the first `size` entries (or of the root given). */
function checkpoint(
  size: number,
  options: { root?: Buffer; origin?: string; by?: typeof signer; source?: 'kept' | 'issued' } = {},
): CheckpointToAudit {
  const rootHash = options.root ?? treeHash(entries.slice(0, size));
  const text = formatCheckpoint({ origin: options.origin ?? ORIGIN, treeSize: size, rootHash });
  return { note: signNote(text, [options.by ?? signer]), source: options.source ?? 'issued' };
}

/** Audits the entries as leaves at positions 1, 2, 3… recorded a second apart, unless changed. */
function audit(
  options: Partial<LogAuditOptions> = {},
  leaves: { position?: number; at?: number; entry?: Buffer }[] = entries.map(() => ({})),
) {
  const run = new LogAudit({ verifiers, checkpoints: [], densePositions: true, ...options });
  leaves.forEach((leaf, i) => {
    run.addLeaf(
      leaf.position ?? i + 1,
      leaf.at ?? T0 + i * 1000,
      leafHash(leaf.entry ?? entries[i]!),
    );
  });
  return run.finish();
}

const reasons = (report: ReturnType<typeof audit>) => report.problems.map((p) => p.reason);

describe('auditing a log against its checkpoints', () => {
  it('finds nothing wrong in an untouched log with checkpoints along the way', () => {
    const report = audit({
      checkpoints: [checkpoint(0), checkpoint(1), checkpoint(5), checkpoint(8, { source: 'kept' })],
    });
    expect(report).toEqual({
      ok: true,
      treeSize: 8,
      rootHash: treeHash(entries).toString('base64'),
      checkpoints: 4,
      problems: [],
    });
  });

  it('checks a checkpoint of the empty tree against SHA-256 of nothing', () => {
    expect(audit({ checkpoints: [checkpoint(0, { root: emptyRoot() })] }, []).ok).toBe(true);
    const wrong = audit({ checkpoints: [checkpoint(0, { root: treeHash(entries) })] }, []);
    expect(wrong.problems).toEqual([
      expect.objectContaining({ reason: 'checkpoint_root_mismatch', treeSize: 0 }),
    ]);
    expect(audit({}, [])).toMatchObject({
      ok: true,
      treeSize: 0,
      rootHash: emptyRoot().toString('base64'),
    });
  });

  it('names a missing position as a gap at the leaf after it', () => {
    const report = audit({}, [{ position: 1 }, { position: 2 }, { position: 5 }]);
    expect(report.problems).toEqual([
      {
        reason: 'position_gap',
        leafIndex: 2,
        detail: 'leaf 2 is at position 5: positions 3 to 4 are missing',
      },
    ]);
  });

  it('names a position that repeats or goes back, on a dense log and a sparse one', () => {
    expect(reasons(audit({}, [{ position: 1 }, { position: 2 }, { position: 2 }]))).toEqual([
      'position_out_of_order',
    ]);
    const sparse = { densePositions: false };
    expect(audit(sparse, [{ position: 10 }, { position: 250 }, { position: 900 }]).ok).toBe(true);
    const back = audit(sparse, [{ position: 10 }, { position: 250 }, { position: 90 }]);
    expect(back.problems).toEqual([
      expect.objectContaining({ reason: 'position_out_of_order', leafIndex: 2 }),
    ]);
    expect(reasons(audit(sparse, [{ position: 10 }, { position: 10 }]))).toEqual([
      'position_out_of_order',
    ]);
  });

  it('names a recorded time that goes back, and measures later ones from the latest seen', () => {
    const at = (seconds: number) => ({ at: T0 + seconds * 1000 });
    const report = audit({}, [at(0), at(10), at(5), at(7), at(12), at(11)]);
    expect(report.problems.map((p) => [p.reason, p.leafIndex])).toEqual([
      ['recorded_time_went_back', 2],
      ['recorded_time_went_back', 3],
      ['recorded_time_went_back', 5],
    ]);
    expect(report.problems[0]!.detail).toContain('2026-12-07T12:00:10.000Z');
    expect(audit({}, [at(3), at(3), at(3)]).ok).toBe(true);
  });

  it('names the checkpoint whose size holds a changed leaf, and none before it', () => {
    const changed = entries.map((entry, i) => ({ entry: i === 3 ? Buffer.from('edited') : entry }));
    const report = audit({ checkpoints: [checkpoint(2), checkpoint(4), checkpoint(6)] }, changed);
    expect(report.problems.map((p) => [p.reason, p.treeSize])).toEqual([
      ['checkpoint_root_mismatch', 4],
      ['checkpoint_root_mismatch', 6],
    ]);
  });

  it('names a checkpoint beyond the log: its end was cut', () => {
    const report = audit(
      { checkpoints: [checkpoint(8)] },
      entries.slice(0, 6).map(() => ({})),
    );
    expect(report.problems).toEqual([
      {
        reason: 'checkpoint_beyond_log',
        treeSize: 8,
        detail: 'an issued checkpoint covers 8 leaves; the log has 6: its end was cut',
      },
    ]);
  });

  it('names a checkpoint signed by another key, or no note at all, and does not compare it', () => {
    const report = audit({
      checkpoints: [
        checkpoint(4, { by: stranger, root: treeHash([]) }),
        { note: 'not a note', source: 'kept' },
      ],
    });
    expect(report.problems).toEqual([
      expect.objectContaining({ reason: 'checkpoint_unverified', treeSize: undefined }),
      expect.objectContaining({ reason: 'checkpoint_unverified', treeSize: 4 }),
    ]);
    expect(report.problems[0]!.detail).toMatch(/^the checkpoint you kept does not verify/);
    expect(report.checkpoints).toBe(2);
  });

  it('names a checkpoint of another origin than the one given, or than the first', () => {
    const given = audit({
      origin: ORIGIN,
      checkpoints: [checkpoint(3, { origin: 'other.example/log' })],
    });
    expect(given.problems).toEqual([
      expect.objectContaining({ reason: 'checkpoint_origin_mismatch', treeSize: 3 }),
    ]);
    const otherKey = generateSigner('other.example/log', Buffer.alloc(32, 1)).signer;
    const first = audit({
      verifiers: [...verifiers, parseVerifierKey(otherKey.verifierKey)],
      checkpoints: [checkpoint(2), checkpoint(5, { origin: 'other.example/log', by: otherKey })],
    });
    expect(reasons(first)).toEqual(['checkpoint_origin_mismatch']);
    expect(first.problems[0]!.detail).toContain(
      '"other.example/log", not "news.example/marginalia"',
    );
  });

  it('names an issued checkpoint smaller than one issued before it, but not a kept one', () => {
    const issued = audit({ checkpoints: [checkpoint(5), checkpoint(3), checkpoint(6)] });
    expect(issued.problems).toEqual([
      expect.objectContaining({ reason: 'checkpoint_out_of_order', treeSize: 3 }),
    ]);
    const kept = audit({ checkpoints: [checkpoint(5), checkpoint(3, { source: 'kept' })] });
    expect(kept.ok).toBe(true);
  });

  it("keeps the caller's problems, leaf_mismatch and leaf_index_mismatch, in log order", () => {
    const run = new LogAudit({ verifiers, checkpoints: [], densePositions: true });
    entries.forEach((entry, i) => run.addLeaf(i + 1, T0, leafHash(entry)));
    run.report({ reason: 'leaf_index_mismatch', leafIndex: 6, detail: 'feed says 7' });
    run.report({ reason: 'leaf_mismatch', leafIndex: 2, detail: 'changed since appended' });
    const report = run.finish();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.reason, p.leafIndex])).toEqual([
      ['leaf_mismatch', 2],
      ['leaf_index_mismatch', 6],
    ]);
  });

  it('lists problems in log order, the first naming the first leaf or checkpoint that fails', () => {
    const leaves = entries.map((entry, i) => ({
      entry: i === 5 ? Buffer.from('edited') : entry,
      at: T0 + (i === 7 ? -1 : i) * 1000,
      position: i < 2 ? i + 1 : i + 2,
    }));
    const report = audit(
      { checkpoints: [checkpoint(10), checkpoint(7), checkpoint(2, { by: stranger })] },
      leaves,
    );
    expect(report.problems.map((p) => [p.reason, p.leafIndex ?? p.treeSize])).toEqual([
      ['checkpoint_unverified', 2],
      ['position_gap', 2],
      ['checkpoint_out_of_order', 7],
      ['checkpoint_root_mismatch', 7],
      ['recorded_time_went_back', 7],
      ['checkpoint_beyond_log', 10],
    ]);
  });
});
