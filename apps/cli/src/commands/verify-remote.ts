import { Buffer } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventLeafHash, type LeafFields } from '@marginalia/event-store';
import {
  type Checkpoint,
  LogAudit,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
  SignedNoteError,
  verifyConsistency,
} from '@marginalia/verifiable-log';
import {
  inLogOrder,
  type KeptCheckpoint,
  type VerifyProblem,
  type VerifyReport,
  VerifyUsageError,
} from './verify-report';

/** The feed's and the lists' largest page (SPEC §6). */
const PAGE = 500;
const TIMEOUT_MS = 30_000;
/** A feed page answers 503 while the server's tree catches up with its log: wait a little. */
const RETRIES_WHEN_BUSY = 3;

export interface RemoteVerifyOptions {
  url: string;
  token: string;
  kept: KeptCheckpoint;
  /** The pinned key; without it, GET /v1/log/key. */
  verifier?: NoteVerifier;
}

/** The server could not be read to the end: the report then says so first, and proves nothing. */
class RemoteFailure extends Error {
  constructor(readonly problem: VerifyProblem) {
    super(problem.detail);
  }
}

interface FeedItem extends LeafFields {
  position: number;
  leafIndex: number;
}

/**
 * Verifies a running server's log from outside (SPEC §9): the issued checkpoints first, then
 * the feed to its end (so every checkpoint listed is covered), each leaf hashed from the item
 * as served and its `leafIndex` checked against the count so far; and the server's own
 * consistency proof from the kept checkpoint to its latest issued one.
 */
export async function verifyRemote(options: RemoteVerifyOptions): Promise<VerifyReport> {
  const server = new Server(baseUrlOf(options.url), options.token);
  let audit: LogAudit | undefined;
  try {
    const verifier = options.verifier ?? (await server.verifier());
    const issued = await server.issuedNotes();
    audit = new LogAudit({
      verifiers: [verifier],
      checkpoints: [
        { note: options.kept.note, source: 'kept' },
        ...issued.map((note) => ({ note, source: 'issued' as const })),
      ],
      densePositions: false,
    });
    await readFeed(server, audit);
    const report = audit.finish();
    const proof = await proveExtension(server, verifier, options.kept.note, issued);
    const problems = inLogOrder([...report.problems, ...(proof ? [proof] : [])]);
    return { ...report, ok: problems.length === 0, problems };
  } catch (error) {
    if (!(error instanceof RemoteFailure)) throw error;
    const partial = audit?.finish();
    // Checkpoints beyond what was read are not beyond the log: the read was cut, not the log.
    const found = (partial?.problems ?? []).filter((p) => p.reason !== 'checkpoint_beyond_log');
    return {
      ok: false,
      treeSize: partial?.treeSize ?? 0,
      rootHash: partial?.rootHash ?? '',
      checkpoints: partial?.checkpoints ?? 0,
      problems: [error.problem, ...found],
    };
  }
}

async function readFeed(server: Server, audit: LogAudit): Promise<void> {
  let after = 0;
  let leafIndexMismatchSeen = false;
  for (;;) {
    const page = await server.json(`/v1/events?after=${after}&limit=${PAGE}`);
    const items = (page as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) throw badResponse(`/v1/events?after=${after}`, 'no items list');
    for (const item of items) {
      const leafIndex = audit.size;
      if (!isFeedItem(item) || item.position <= after) {
        throw badResponse(`/v1/events?after=${after}`, `leaf ${leafIndex} is not a feed item`);
      }
      // Once a leaf is missing or extra, every later index is off too: one report says it.
      if (item.leafIndex !== leafIndex && !leafIndexMismatchSeen) {
        leafIndexMismatchSeen = true;
        audit.report({
          reason: 'leaf_index_mismatch',
          leafIndex,
          detail: `the feed gives the event at position ${item.position} (${item.streamId} revision ${item.revision}) leafIndex ${item.leafIndex}, but it is leaf ${leafIndex} of the feed`,
        });
      }
      audit.addLeaf(item.position, Date.parse(item.recordedAt), eventLeafHash(item));
      after = item.position;
    }
    if (items.length < PAGE) return;
  }
}

function hasNote(item: unknown): item is { note: string } {
  return typeof (item as { note?: unknown } | null)?.note === 'string';
}

function isFeedItem(item: unknown): item is FeedItem {
  if (typeof item !== 'object' || item === null) return false;
  const i = item as Record<string, unknown>;
  return (
    Number.isSafeInteger(i.position) &&
    Number.isSafeInteger(i.leafIndex) &&
    Number.isSafeInteger(i.revision) &&
    Number.isSafeInteger(i.schemaVersion) &&
    typeof i.streamId === 'string' &&
    typeof i.type === 'string' &&
    typeof i.recordedAt === 'string' &&
    'data' in i &&
    'metadata' in i
  );
}

/**
 * The server's proof that its latest issued checkpoint extends the kept one, checked against
 * both signed roots: the server's tree file must agree with the feed's events and with what it
 * signed. Only when both verify, and the kept one is the smaller (else the audit said all).
 */
async function proveExtension(
  server: Server,
  verifier: NoteVerifier,
  keptNote: string,
  issued: string[],
): Promise<VerifyProblem | undefined> {
  const kept = openedOrUndefined(keptNote, verifier);
  const latest = issued
    .map((note) => openedOrUndefined(note, verifier))
    .reduce<Checkpoint | undefined>(
      (largest, c) => (c && (!largest || c.treeSize > largest.treeSize) ? c : largest),
      undefined,
    );
  if (!kept || !latest || kept.treeSize === 0 || kept.treeSize >= latest.treeSize) return;
  const [first, second] = [kept.treeSize, latest.treeSize];
  const body = await server.json(`/v1/log/proofs/consistency?first=${first}&second=${second}`);
  const hashes = (body as { hashes?: unknown } | null)?.hashes;
  const proof = Array.isArray(hashes)
    ? hashes.map((h) => (typeof h === 'string' ? Buffer.from(h, 'base64') : Buffer.alloc(0)))
    : [];
  if (verifyConsistency(first, second, kept.rootHash, latest.rootHash, proof)) return;
  return {
    reason: 'consistency_proof_failed',
    treeSize: first,
    detail: `the server's proof that its latest issued checkpoint (${second} leaves) extends the checkpoint you kept (${first} leaves) does not verify against their signed roots`,
  };
}

function openedOrUndefined(note: string, verifier: NoteVerifier): Checkpoint | undefined {
  try {
    return openCheckpoint(note, [verifier]).checkpoint;
  } catch (error) {
    if (error instanceof SignedNoteError) return undefined;
    throw error;
  }
}

function baseUrlOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new VerifyUsageError(`--url ${JSON.stringify(url)} is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new VerifyUsageError(`--url must be an http:// or https:// address of the API.`);
  }
  return parsed.href.replace(/\/+$/, '');
}

function badResponse(path: string, what: string): RemoteFailure {
  return new RemoteFailure({ reason: 'bad_response', detail: `GET ${path}: ${what}` });
}

/** GETs with the token; a refused token is the auditor's to fix (exit 2), the rest a problem. */
class Server {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async verifier(): Promise<NoteVerifier> {
    const text = await this.text('/v1/log/key');
    try {
      return parseVerifierKey(text.trim());
    } catch (error) {
      throw badResponse('/v1/log/key', (error as Error).message);
    }
  }

  /** Every issued checkpoint's note, oldest first. */
  async issuedNotes(): Promise<string[]> {
    const notes: string[] = [];
    let cursor: string | null = null;
    do {
      const path = `/v1/log/checkpoints?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await this.json(path)) as { items?: unknown; nextCursor?: unknown } | null;
      const items: unknown = page?.items;
      if (!Array.isArray(items) || !items.every(hasNote)) {
        throw badResponse(path, 'no list of checkpoints with their notes');
      }
      notes.push(...items.map((item) => item.note));
      const next = typeof page?.nextCursor === 'string' ? page.nextCursor : null;
      if (next !== null && next === cursor) throw badResponse(path, 'the same cursor again');
      cursor = next;
    } while (cursor !== null);
    return notes;
  }

  async json(path: string): Promise<unknown> {
    const text = await this.text(path);
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse(path, 'not JSON');
    }
  }

  private async text(path: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const { status, body } = await this.get(path);
      if (status === 401 || status === 403) {
        throw new VerifyUsageError(
          `The server refused the token (${status} ${detailOf(body)}) for GET ${path}: verify needs an auditor's or admin's token that has not expired.`,
        );
      }
      if (status === 503 && attempt < RETRIES_WHEN_BUSY) {
        await sleep(1000);
        continue;
      }
      if (status < 200 || status > 299) {
        throw new RemoteFailure({
          reason: 'unreachable',
          detail: `GET ${this.base}${path} answered ${status}: ${detailOf(body)}`,
        });
      }
      return body;
    }
  }

  private async get(path: string): Promise<{ status: number; body: string }> {
    try {
      const response = await fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new RemoteFailure({
        reason: 'unreachable',
        detail: `GET ${this.base}${path}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`,
      });
    }
  }
}

/** A problem answer's detail, or the start of whatever else came back. */
function detailOf(body: string): string {
  try {
    const problem = JSON.parse(body) as { code?: unknown; detail?: unknown };
    if (typeof problem.detail === 'string') {
      return typeof problem.code === 'string'
        ? `${problem.code}: ${problem.detail}`
        : problem.detail;
    }
  } catch {
    // not a problem document
  }
  return JSON.stringify(body.slice(0, 200));
}
