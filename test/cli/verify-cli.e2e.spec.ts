import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigner, parseCheckpoint } from '@marginalia/verifiable-log';
import { captureClaim, PINYIN_IN_COAL_POWER } from '../admin-api/support/desk';
import { type RunningAdminApi, startAdminApi } from '../support/admin-api';
import { type makeTempDir } from '../support/temp-dir';
import {
  type FeedPage,
  lyingProxy,
  noteText,
  parseCheckpointRoot,
  signedCheckpoint,
  verifyDesk,
} from './verify-cli-desk';

describe('npm run cli -- verify (SPEC §9 offline verification)', () => {
  const shared = verifyDesk((env) => startAdminApi(env));
  const { file, verify, reportOf, issueCheckpoint, serverKey, dataFolderSigner } = shared;
  let dir: ReturnType<typeof makeTempDir>;
  let data: string;
  let api: RunningAdminApi;
  let kept: { file: string; note: string; treeSize: number };
  let articleId: string;
  beforeAll(() => ({ dir, data, api, kept, articleId } = shared));

  it('verifies the data folder’s log against the kept checkpoint, reading it only', async () => {
    const before = readdirSync(data).sort();
    const run = await verify(['--checkpoint', kept.file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reportOf(run)).toEqual({
      ok: true,
      treeSize: await api.headPosition(),
      rootHash: parseCheckpointRoot(kept.note),
      checkpoints: expect.any(Number),
      problems: [],
    });
    expect(reportOf(run).treeSize).toBe(kept.treeSize);
    expect(readdirSync(data).sort()).toEqual(before);
  });

  it('still verifies the old kept checkpoint after the log grew, locally and from a server', async () => {
    await captureClaim(api, articleId, PINYIN_IN_COAL_POWER);
    const latest = await issueCheckpoint();
    expect(latest.treeSize).toBeGreaterThan(kept.treeSize);
    const head = await api.headPosition();

    const local = await verify(['--checkpoint', kept.file, '--key', await serverKey()]);
    expect(local.status).toBe(0);
    expect(reportOf(local)).toMatchObject({ ok: true, treeSize: head, problems: [] });
    expect(reportOf(local).checkpoints).toBeGreaterThanOrEqual(3);

    // Another data folder, with no log: the remote check reads only the server.
    const remote = await verify(
      ['--checkpoint', kept.file, '--url', api.url, '--token', await api.token('auditor')],
      { DATA_DIR: join(dir.path, 'elsewhere') },
    );
    expect(remote.stderr).toBe('');
    expect(remote.status).toBe(0);
    expect(reportOf(remote)).toEqual({ ...reportOf(local), checkpoints: expect.any(Number) });
  });

  it('fails a checkpoint signed by another key, and the whole log with a key it was not signed by', async () => {
    const other = generateSigner(parseCheckpoint(noteText(kept.note)).origin, randomBytes(32));
    const forged = file(
      'forged.checkpoint',
      signedCheckpoint(
        other.signer,
        parseCheckpoint(noteText(kept.note)).origin,
        kept.treeSize,
        Buffer.from(parseCheckpointRoot(kept.note), 'base64'),
      ),
    );
    const run = await verify(['--checkpoint', forged]);
    expect(run.status).toBe(1);
    expect(reportOf(run).problems).toEqual([
      { reason: 'checkpoint_unverified', treeSize: kept.treeSize, detail: expect.any(String) },
    ]);

    const pinnedOther = await verify(['--checkpoint', kept.file, '--key', other.verifierKey]);
    expect(pinnedOther.status).toBe(1);
    const { ok, problems } = reportOf(pinnedOther);
    expect(ok).toBe(false);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(new Set(problems.map((p) => p.reason))).toEqual(new Set(['checkpoint_unverified']));
  });

  it('fails a kept checkpoint whose root was edited, signed again or not', async () => {
    const { origin, treeSize, rootHash } = parseCheckpoint(noteText(kept.note));
    const edited = Buffer.from(rootHash);
    edited[0]! ^= 0x01;
    const unsigned = file(
      'edited.checkpoint',
      kept.note.replace(Buffer.from(rootHash).toString('base64'), edited.toString('base64')),
    );
    const run = await verify(['--checkpoint', unsigned]);
    expect(run.status).toBe(1);
    expect(reportOf(run).problems[0]).toMatchObject({ reason: 'checkpoint_unverified', treeSize });

    // Whoever holds the signing key can sign another root; the events still tell.
    const resigned = file(
      'resigned.checkpoint',
      signedCheckpoint(dataFolderSigner(), origin, treeSize, edited),
    );
    const local = await verify(['--checkpoint', resigned]);
    expect(local.status).toBe(1);
    expect(reportOf(local).problems).toEqual([
      { reason: 'checkpoint_root_mismatch', treeSize, detail: expect.any(String) },
    ]);
    const remote = await verify([
      '--checkpoint',
      resigned,
      '--url',
      api.url,
      '--token',
      await api.token('auditor'),
    ]);
    expect(remote.status).toBe(1);
    expect(reportOf(remote).problems.map((p) => [p.reason, p.treeSize])).toEqual([
      ['checkpoint_root_mismatch', treeSize],
      ['consistency_proof_failed', treeSize],
    ]);
  });

  it.each([
    [
      'hides an event',
      (page: FeedPage) => ({ ...page, items: page.items.filter((i) => i.position !== 2) }),
      { reason: 'leaf_index_mismatch', leafIndex: 1 },
    ],
    [
      'edits an event',
      (page: FeedPage) => ({
        ...page,
        items: page.items.map((i) =>
          i.position === 1 ? { ...i, data: { ...i.data, title: '陽泉' } } : i,
        ),
      }),
      { reason: 'checkpoint_root_mismatch' },
    ],
  ])('catches a server whose feed %s, at the first leaf or checkpoint', async (_, lie, first) => {
    const proxy = await lyingProxy(api.url, lie);
    try {
      const token = await api.token('auditor');
      const run = await verify(['--checkpoint', kept.file, '--url', proxy.url, '--token', token]);
      expect(run.status).toBe(1);
      expect(reportOf(run).ok).toBe(false);
      expect(reportOf(run).problems[0]).toMatchObject(first);
      expect(reportOf(run).problems).toContainEqual(
        expect.objectContaining({ reason: 'checkpoint_root_mismatch', treeSize: kept.treeSize }),
      );
    } finally {
      await proxy.close();
    }
  });

  it('reports a server it cannot reach as a failure, not a pass', async () => {
    const token = await api.token('auditor');
    const run = await verify([
      '--checkpoint',
      kept.file,
      '--url',
      'http://127.0.0.1:9',
      '--token',
      token,
    ]);
    expect(run.status).toBe(1);
    expect(reportOf(run)).toMatchObject({ ok: false, treeSize: 0 });
    expect(reportOf(run).problems[0]).toMatchObject({ reason: 'unreachable' });
  });

  it.each([
    ['no --checkpoint', () => [], /needs --checkpoint/],
    ['an unreadable file', () => ['--checkpoint', join(dir.path, 'missing')], /Cannot read/],
    ['a file that is no checkpoint', () => ['--checkpoint', file('x', 'hello\n')], /not a signed/],
    [
      'a file far too large to be a checkpoint',
      () => ['--checkpoint', file('big', 'x'.repeat(200_000))],
      /holds 200000 bytes/,
    ],
    ['--url without --token', () => ['--checkpoint', kept.file, '--url', api.url], /go together/],
    [
      'a bad key',
      () => ['--checkpoint', kept.file, '--key', 'a+b+c'],
      /not a signed-note verifier/,
    ],
    ['an unknown flag', () => ['--checkpoint', kept.file, '--since', '1'], /takes no "--since"/],
  ] as Array<[string, () => string[], RegExp]>)(
    'refuses %s with exit 2 and the usage',
    async (_, args, message) => {
      const run = await verify(args());
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('verify --checkpoint <file>');
      expect(run.status).toBe(2);
    },
  );

  it('refuses a token the server refuses, and a data folder with no log, with exit 2', async () => {
    const editor = await verify([
      '--checkpoint',
      kept.file,
      '--url',
      api.url,
      '--token',
      await api.token('editor'),
    ]);
    expect(editor.stderr).toMatch(/refused the token \(403/);
    expect(editor.status).toBe(2);

    const empty = join(dir.path, 'empty');
    const noLog = await verify(['--checkpoint', kept.file, '--key', await serverKey()], {
      DATA_DIR: empty,
    });
    expect(noLog.stderr).toMatch(/events\.db does not exist/);
    expect(noLog.status).toBe(2);
  });
});
