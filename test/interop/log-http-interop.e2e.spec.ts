import request from 'supertest';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import {
  rfcRootOfLeafHashes,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
  rfcLeafHash,
} from './independent-rfc9162';
import {
  type CheckpointBody,
  type IndependentKey,
  readVerifierKey,
  verifyCheckpoint,
} from './independent-signed-note';
import { jcs } from './independent-jcs';

/**
 * SPEC §9 from outside: the real server over HTTP, checked only with the independent RFC 9162
 * and C2SP readings of this folder and a JCS of this file. Nothing of the product's log code is
 * imported, so what passes here is what any auditor's own tooling would accept.
 */

interface FeedEvent {
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

/** SHA-256(0x00 || UTF-8 of the JCS of the seven fields), as SPEC §9 defines an event's leaf. */
function leafOf(event: FeedEvent): Buffer {
  const { streamId, revision, type, schemaVersion, data, metadata, recordedAt } = event;
  const entry = jcs({ streamId, revision, type, schemaVersion, data, metadata, recordedAt });
  return rfcLeafHash(Buffer.from(entry, 'utf8'));
}

const TEXT =
  '陽泉市2023年全市地區生產總值增長5.3%。全市規模以上工業增加值增長4.1%。' +
  '全年原煤產量達到6500萬噸。城鎮居民人均可支配收入42000元 😀。';
// The last quote holds a character outside the BMP: four UTF-8 bytes, two UTF-16 units.
const CLAIMS = [
  '地區生產總值增長5.3%',
  '規模以上工業增加值增長4.1%',
  '原煤產量達到6500萬噸',
  '人均可支配收入42000元 😀',
];
const ORIGIN = 'interop.marginalia.example/log';
const b64 = (text: string) => Buffer.from(text, 'base64');
const flipBit = (hash: Buffer) => hash.writeUInt8(hash.readUInt8(0) ^ 0x01, 0);

describe('the verifiable log over HTTP, checked with independent code only', () => {
  let api: RunningAdminApi;
  const auth: Record<string, string> = {};
  let key: IndependentKey;

  const get = (path: string, role = 'auditor') =>
    request(api.url).get(path).set('Authorization', auth[role]!);

  /** Every event of the feed, page by page, in log order. */
  async function feed(): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    for (let after = 0; ;) {
      const { body } = await get(`/v1/events?after=${after}&limit=7`).expect(200);
      const items = (body as { items: FeedEvent[] }).items;
      if (items.length === 0) return events;
      events.push(...items);
      after = items[items.length - 1]!.position;
    }
  }

  async function captureClaims(articleId: string, quotes: readonly string[]): Promise<void> {
    for (const exact of quotes) {
      await request(api.url)
        .post(`/v1/articles/${articleId}/claims`)
        .set('Authorization', auth.fact_checker!)
        .send({ selector: { exact }, statement: exact, claimant: '劉文華', topics: ['統計'] })
        .expect(201);
    }
  }

  async function importArticle(slug: string): Promise<string> {
    const { body } = await request(api.url)
      .post('/v1/articles')
      .set('Authorization', auth.editor!)
      .send({
        title: '陽泉市2023年國民經濟和社會發展統計公報',
        language: 'zh-Hant',
        format: 'text',
        content: TEXT,
        source: { url: `https://www.yq.gov.cn/tjxx/${slug}.html`, publisher: '陽泉日報' },
      })
      .expect(201);
    return (body as { id: string }).id;
  }

  /** Checks a served checkpoint against the feed: leaves rebuilt here, MTH computed here. */
  function expectCoveredBy(checkpoint: CheckpointBody, leaves: readonly Buffer[]): void {
    expect(checkpoint.origin).toBe(ORIGIN);
    expect(checkpoint.treeSize).toBeLessThanOrEqual(leaves.length);
    const root = rfcRootOfLeafHashes(leaves.slice(0, checkpoint.treeSize));
    expect(root.toString('base64')).toBe(checkpoint.rootHash.toString('base64'));
  }

  beforeAll(async () => {
    api = await startAdminApi({ LOG_ORIGIN: ORIGIN, CHECKPOINT_INTERVAL_MS: '100' });
    for (const role of ['editor', 'fact_checker', 'auditor', 'admin'] as const) {
      auth[role] = `Bearer ${await api.token(role)}`;
    }
    // Two articles and their claims: ten leaves, a tree with a ragged right edge.
    await captureClaims(await importArticle('2023'), CLAIMS);
    await captureClaims(await importArticle('2023-q4'), CLAIMS);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('encodes JSON as RFC 8785 does in its sorting and number examples (§3.2.3, §3.2.2.3)', () => {
    const sorting = JSON.parse(
      '{"\\u20ac":1,"\\r":2,"\\ufb33":3,"1":4,"\\ud83d\\ude00":5,"\\u0080":6,"\\u00f6":7}',
    ) as object;
    // "1" would come first among a JavaScript object's keys; JCS puts the carriage return first.
    expect(jcs(sorting)).toBe(
      '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}',
    );
    const numbers = JSON.parse(
      '[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]',
    );
    expect(jcs({ numbers })).toBe('{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}');
  });

  it('serves its verifier key to anyone, in C2SP verifier key form', async () => {
    const response = await request(api.url).get('/v1/log/key').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    key = readVerifierKey(response.text.trim());
    expect(key.name).toBe(ORIGIN);
  });

  it('serves a checkpoint whose signature and root an outsider can check from the feed', async () => {
    let checkpoint: CheckpointBody | undefined;
    let leaves: Buffer[] = [];
    // The server checkpoints by itself shortly after the appends; wait until one covers them all.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const response = await get('/v1/log/checkpoint', 'editor');
      const events = await feed();
      leaves = events.map(leafOf);
      if (response.status === 200) {
        expect(response.headers['content-type']).toMatch(/^text\/plain/);
        checkpoint = verifyCheckpoint(response.text, [key]);
        if (checkpoint.treeSize === leaves.length) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(checkpoint?.treeSize).toBe(leaves.length);
    expectCoveredBy(checkpoint!, leaves);
    expect(leaves.length).toBeGreaterThanOrEqual(2 + 2 * CLAIMS.length);
  });

  it('numbers the feed with dense leaf indexes from 0', async () => {
    const events = await feed();
    expect(events.map((e) => e.leafIndex)).toEqual(events.map((_, i) => i));
  });

  it('proves every leaf in every tree size, and the proofs fail with a byte flipped', async () => {
    const leaves = (await feed()).map(leafOf);
    for (let n = 1; n <= leaves.length; n++) {
      const root = rfcRootOfLeafHashes(leaves.slice(0, n));
      for (let i = 0; i < n; i++) {
        const { body } = await get(`/v1/log/proofs/inclusion?leafIndex=${i}&treeSize=${n}`).expect(
          200,
        );
        const proof = body as {
          leafIndex: number;
          treeSize: number;
          leafHash: string;
          hashes: string[];
        };
        expect([proof.leafIndex, proof.treeSize, proof.leafHash]).toEqual([
          i,
          n,
          leaves[i]!.toString('base64'),
        ]);
        const hashes = proof.hashes.map(b64);
        expect(rfcVerifyInclusion(i, n, leaves[i]!, hashes, root)).toBe(true);
        if (hashes.length > 0) {
          flipBit(hashes[0]!);
          expect(rfcVerifyInclusion(i, n, leaves[i]!, hashes, root)).toBe(false);
        }
      }
    }
  });

  it('proves every earlier tree size a prefix of every later one', async () => {
    const leaves = (await feed()).map(leafOf);
    const rootOf = (size: number) => rfcRootOfLeafHashes(leaves.slice(0, size));
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const { body } = await get(`/v1/log/proofs/consistency?first=${m}&second=${n}`).expect(200);
        const proof = body as { first: number; second: number; hashes: string[] };
        expect([proof.first, proof.second]).toEqual([m, n]);
        const hashes = proof.hashes.map(b64);
        expect(rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), hashes)).toBe(true);
        if (hashes.length > 0) {
          flipBit(hashes[hashes.length - 1]!);
          expect(rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), hashes)).toBe(false);
        }
      }
    }
  });

  it('issues a checkpoint on demand that extends the earlier one', async () => {
    const before = verifyCheckpoint((await get('/v1/log/checkpoint').expect(200)).text, [key]);
    await captureClaims(await importArticle('2024'), CLAIMS.slice(0, 1));
    const response = await request(api.url)
      .post('/v1/admin/log/checkpoints')
      .set('Authorization', auth.admin!)
      .expect(201);
    const issued = response.body as {
      treeSize: number;
      rootHash: string;
      issuedAt: string;
      note: string;
    };
    const after = verifyCheckpoint(issued.note, [key]);
    expect([after.treeSize, after.rootHash.toString('base64')]).toEqual([
      issued.treeSize,
      issued.rootHash,
    ]);
    expect(Number.isNaN(Date.parse(issued.issuedAt))).toBe(false);
    expect(after.treeSize).toBeGreaterThan(before.treeSize);
    const leaves = (await feed()).map(leafOf);
    expect(after.treeSize).toBe(leaves.length);
    expectCoveredBy(after, leaves);
    const { body } = await get(
      `/v1/log/proofs/consistency?first=${before.treeSize}&second=${after.treeSize}`,
    ).expect(200);
    const hashes = (body as { hashes: string[] }).hashes.map(b64);
    expect(
      rfcVerifyConsistency(
        before.treeSize,
        after.treeSize,
        before.rootHash,
        after.rootHash,
        hashes,
      ),
    ).toBe(true);
  });

  it('lists every issued checkpoint, each signed and each a prefix of the next', async () => {
    const { body } = await get('/v1/log/checkpoints?limit=500').expect(200);
    const items = (body as { items: { treeSize: number; rootHash: string; note: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const opened = items.map((item) => verifyCheckpoint(item.note, [key]));
    opened.forEach((c, i) =>
      expect([c.treeSize, c.rootHash.toString('base64')]).toEqual([
        items[i]!.treeSize,
        items[i]!.rootHash,
      ]),
    );
    for (let i = 1; i < opened.length; i++) {
      const [a, b] = [opened[i - 1]!, opened[i]!];
      if (a.treeSize === 0) {
        expect(a.rootHash.toString('base64')).toBe(rfcRootOfLeafHashes([]).toString('base64'));
        continue;
      }
      if (a.treeSize === b.treeSize) {
        expect(a.rootHash.equals(b.rootHash)).toBe(true);
        continue;
      }
      const proof = await get(
        `/v1/log/proofs/consistency?first=${a.treeSize}&second=${b.treeSize}`,
      ).expect(200);
      const hashes = (proof.body as { hashes: string[] }).hashes.map(b64);
      expect(rfcVerifyConsistency(a.treeSize, b.treeSize, a.rootHash, b.rootHash, hashes)).toBe(
        true,
      );
    }
  });

  it.each([
    ['/v1/log/proofs/inclusion?leafIndex=3&treeSize=3', 'a leaf outside the tree'],
    ['/v1/log/proofs/inclusion?leafIndex=0&treeSize=100000', 'a tree beyond the current one'],
    ['/v1/log/proofs/consistency?first=3&second=2', 'a first size above the second'],
    ['/v1/log/proofs/consistency?first=1&second=100000', 'a second size beyond the current tree'],
  ])('refuses %s (%s) as validation_failed', async (path) => {
    const response = await get(path).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((response.body as { code: string }).code).toBe('validation_failed');
  });
});
