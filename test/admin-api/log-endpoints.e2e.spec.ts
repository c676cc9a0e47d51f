import request from 'supertest';
import { canonicalJson } from '@marginalia/event-store';
import {
  type Checkpoint,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '@marginalia/verifiable-log';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { bearer, importText } from './support/desk';
import { type EventStreamClient, openEventStream } from './support/event-stream-client';
import { expectRefused } from './support/refused';

const TEXT = '陽泉市2023年全市地區生產總值增長5.3%。';

interface FeedItem {
  position: number;
  leafIndex: number;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** SPEC §9's leaf of a feed item, computed here from the item as the feed gives it. */
function leafOf({ streamId, revision, type, schemaVersion, data, metadata, recordedAt }: FeedItem) {
  const entry = { streamId, revision, type, schemaVersion, data, metadata, recordedAt };
  return leafHash(Buffer.from(canonicalJson(entry as never), 'utf8'));
}

interface IssuedCheckpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  note: string;
}
type CheckpointPage = { items: IssuedCheckpoint[]; nextCursor: string | null };
type Proof = { hashes: string[]; leafHash?: string };
type Operation = { parameters?: { name: string }[]; security?: unknown[] };

const b64 = (text: string) => Buffer.from(text, 'base64');

/** The verifiable log's endpoints (SPEC §9) on the real app over HTTP, with real tokens. */
describe('the verifiable log over HTTP', () => {
  let api: RunningAdminApi;
  let token: Record<'editor' | 'auditor' | 'admin', string>;
  const stream: EventStreamClient[] = [];

  const get = (role: keyof typeof token | null, path: string) => {
    const req = request(api.url).get(path);
    return role ? req.set('Authorization', token[role]) : req;
  };
  const issue = () =>
    request(api.url).post('/v1/admin/log/checkpoints').set('Authorization', token.admin);
  const open = (note: string): Checkpoint =>
    openCheckpoint(note, [parseVerifierKey(keyText)]).checkpoint;
  let keyText: string;

  beforeAll(async () => {
    api = await startAdminApi();
    token = {
      editor: await bearer(api, 'editor'),
      auditor: await bearer(api, 'auditor'),
      admin: await bearer(api, 'admin'),
    };
    keyText = (await get(null, '/v1/log/key').expect(200)).text;
    for (const key of ['log-1', 'log-2', 'log-3']) await importText(api, key, TEXT);
  });

  afterAll(async () => {
    stream.forEach((client) => client.close());
    await api.stop();
  });

  it('gives its verifier key to anyone, as text/plain in signed-note form', async () => {
    const response = await get(null, '/v1/log/key').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toMatch(/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(parseVerifierKey(response.text).name).toBe(api.config.log.origin);
  });

  it('gives the latest checkpoint to any role as text/plain, and none without a token', async () => {
    await expectRefused(api, () => get(null, '/v1/log/checkpoint'), 401, 'unauthenticated');
    const issued = (await issue().expect(201)).body as { treeSize: number; note: string };
    expect(issued.treeSize).toBe(await api.headPosition());
    const response = await get('editor', '/v1/log/checkpoint').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe(issued.note);
    expect(open(response.text)).toMatchObject({
      origin: api.config.log.origin,
      treeSize: await api.headPosition(),
    });
  });

  it('issues a checkpoint on request, for the admin only', async () => {
    await expectRefused(api, () => issue().set('Authorization', token.auditor), 403, 'forbidden');
    await expectRefused(api, () => issue().set('Authorization', token.editor), 403, 'forbidden');
    await importText(api, 'log-4', TEXT);
    const response = await issue().expect(201);
    const head = await api.headPosition();
    expect(Object.keys(response.body).sort()).toEqual(['issuedAt', 'note', 'rootHash', 'treeSize']);
    expect(response.body).toMatchObject({ treeSize: head, issuedAt: expect.any(String) });
    const checkpoint = open(response.body.note);
    expect(checkpoint.treeSize).toBe(head);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(response.body.rootHash);
  });

  it('lists every checkpoint, oldest first, in pages, to auditors and admins', async () => {
    await expectRefused(api, () => get('editor', '/v1/log/checkpoints'), 403, 'forbidden');
    const all = (await get('auditor', '/v1/log/checkpoints').expect(200)).body as CheckpointPage;
    expect(all.nextCursor).toBeNull();
    const sizes = all.items.map((item) => item.treeSize);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const paged: unknown[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `/v1/log/checkpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get('admin', query).expect(200)).body as CheckpointPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all.items);
    for (const bad of ['cursor=not-ours', 'limit=0', 'limit=501', 'limit=two']) {
      await expectRefused(
        api,
        () => get('auditor', `/v1/log/checkpoints?${bad}`),
        400,
        'validation_failed',
      );
    }
  });

  it("proves every leaf's inclusion and each checkpoint's consistency against signed roots", async () => {
    const before = await api.headPosition();
    await importText(api, 'log-5', TEXT);
    // At once, while the tree may still be a moment behind the log: the proof waits for it.
    const newest = `/v1/log/proofs/inclusion?leafIndex=${before}&treeSize=${before + 1}`;
    const early = (await get('auditor', newest).expect(200)).body as Proof;
    const latest = open(((await issue().expect(201)).body as IssuedCheckpoint).note);
    expect(latest.treeSize).toBe(before + 1);
    const feed = (await get('auditor', '/v1/events?after=0&limit=500').expect(200)).body;
    const items = feed.items as FeedItem[];
    expect(items).toHaveLength(latest.treeSize);
    for (const item of items) {
      const path = `/v1/log/proofs/inclusion?leafIndex=${item.leafIndex}&treeSize=${latest.treeSize}`;
      const proof = (await get('auditor', path).expect(200)).body as Proof;
      expect(proof).toMatchObject({ leafIndex: item.leafIndex, treeSize: latest.treeSize });
      expect(b64(proof.leafHash!)).toEqual(leafOf(item));
      const hashes = proof.hashes.map(b64);
      expect(
        verifyInclusion(item.leafIndex, latest.treeSize, leafOf(item), hashes, latest.rootHash),
      ).toBe(true);
    }
    const newestLeaf = leafOf(items[before]!);
    expect(b64(early.leafHash!)).toEqual(newestLeaf);
    expect(
      verifyInclusion(before, before + 1, newestLeaf, early.hashes.map(b64), latest.rootHash),
    ).toBe(true);
    const listed = ((await get('admin', '/v1/log/checkpoints').expect(200)).body as CheckpointPage)
      .items;
    const checkpoints = listed.map(({ note }) => open(note)).filter((c) => c.treeSize > 0);
    for (const earlier of checkpoints) {
      for (const later of checkpoints.filter((c) => c.treeSize >= earlier.treeSize)) {
        const path = `/v1/log/proofs/consistency?first=${earlier.treeSize}&second=${later.treeSize}`;
        const proof = (await get('admin', path).expect(200)).body as Proof;
        expect(proof).toMatchObject({ first: earlier.treeSize, second: later.treeSize });
        const hashes = proof.hashes.map(b64);
        const { treeSize: m, rootHash: mRoot } = earlier;
        expect(verifyConsistency(m, later.treeSize, mRoot, later.rootHash, hashes)).toBe(true);
      }
    }
  });

  it('refuses proofs outside the tree, or asked for badly, with 400 validation_failed', async () => {
    const size = await api.headPosition();
    await expectRefused(
      api,
      () => get('editor', '/v1/log/proofs/inclusion?leafIndex=0&treeSize=1'),
      403,
      'forbidden',
    );
    const refusals = [
      `inclusion?leafIndex=0&treeSize=${size + 1}`,
      `inclusion?leafIndex=${size}&treeSize=${size}`,
      'inclusion?leafIndex=2&treeSize=2',
      'inclusion?leafIndex=0&treeSize=0',
      'inclusion?leafIndex=-1&treeSize=2',
      'inclusion?leafIndex=one&treeSize=2',
      'inclusion?leafIndex=0.5&treeSize=2',
      'inclusion?treeSize=2',
      'inclusion?leafIndex=0',
      'inclusion',
      `consistency?first=1&second=${size + 1}`,
      'consistency?first=3&second=2',
      'consistency?first=0&second=2',
      'consistency?first=1&second=two',
      'consistency?first=1',
      'consistency?second=2',
      'consistency?first=1&second=2&extra=3',
    ];
    for (const query of refusals) {
      const response = await expectRefused(
        api,
        () => get('auditor', `/v1/log/proofs/${query}`),
        400,
        'validation_failed',
      );
      expect({ query, errors: response.body.errors }).toEqual({
        query,
        errors: expect.arrayContaining([
          { field: expect.any(String), message: expect.any(String) },
        ]),
      });
    }
  });

  it('numbers the leaves of the feed and of its stream from 0: position - 1 on SQLite', async () => {
    const page = (await get('auditor', '/v1/events?after=0&limit=500').expect(200)).body;
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items as FeedItem[]) expect(item.leafIndex).toBe(item.position - 1);
    const client = await openEventStream(`${api.url}/v1/events/stream?after=0`, {
      Authorization: token.auditor,
    });
    stream.push(client);
    const head = await api.headPosition();
    await client.until(() => client.messages.length >= head);
    await importText(api, 'log-live', TEXT);
    await client.until(() => client.messages.length > head);
    for (const message of client.messages) {
      expect(JSON.parse(message.data).leafIndex).toBe(Number(message.id) - 1);
    }
  });

  it('documents every endpoint of the log in its OpenAPI document', async () => {
    const { paths } = (await get(null, '/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const parameters = (path: string) => paths[path]!.get!.parameters!.map((p) => p.name).sort();
    expect(Object.keys(paths['/v1/log/key']!)).toEqual(['get']);
    expect(Object.keys(paths['/v1/log/checkpoint']!)).toEqual(['get']);
    expect(Object.keys(paths['/v1/log/checkpoints']!)).toEqual(['get']);
    expect(Object.keys(paths['/v1/admin/log/checkpoints']!)).toEqual(['post']);
    expect(parameters('/v1/log/proofs/inclusion')).toEqual(['leafIndex', 'treeSize']);
    expect(parameters('/v1/log/proofs/consistency')).toEqual(['first', 'second']);
    expect(paths['/v1/log/key']!.get!.security ?? []).toEqual([]);
  });
});
