import type Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LogAudit, type LogAuditOptions, type LogAuditReport } from '@marginalia/verifiable-log';
import { openSqlite } from '../sqlite/open-sqlite';
import { LEAF_WORKER_ROLE, type LeafChunk, LeafHasher } from './sqlite-leaf-worker';
import type { TreeFile } from './tree-file';

/** Positions per chunk: small enough to keep memory flat, large enough to pay a round trip. */
const CHUNK = 2048;

export interface SqliteAuditOptions extends LogAuditOptions {
  /** The tree file whose kept leaves each rebuilt leaf is compared with, to name the first changed. */
  treeFile?: TreeFile;
  /** Worker threads hashing leaves; 0 hashes on the calling thread. Default: one per core. */
  threads?: number;
}

/**
 * auditStoredLog for a SQLite log file, several times faster: the same checks and the same report,
 * with the leaves made from the stored bytes (sqlite-leaf-worker.ts) in worker threads, chunk by
 * chunk, while this thread folds them in log order. The file is opened read-only, as a live
 * server's log may be; memory stays flat, a few chunks in flight at most.
 *
 * A worker that fails has its chunks hashed here instead; a chunk that cannot be hashed here
 * either (an unreadable row) fails the audit, as it fails auditStoredLog.
 */
export async function auditSqliteLog(
  eventsFile: string,
  options: SqliteAuditOptions,
): Promise<LogAuditReport> {
  const audit = new LogAudit(options);
  const local = new LeafHasher(eventsFile);
  const threads = Math.max(0, Math.floor(options.threads ?? availableParallelism()));
  let workers: LeafWorkers | undefined;
  let kept: KeptLeaves | undefined;
  let leafMismatchSeen = false;
  try {
    workers = new LeafWorkers(eventsFile, local, threads);
    kept = options.treeFile && new KeptLeaves(options.treeFile.file);
    const inFlight: Array<Promise<LeafChunk>> = [];
    let after = 0;
    let more = true;
    for (;;) {
      while (more && inFlight.length < Math.max(2, workers.size * 3)) {
        // Starting each chunk at the next stored position skips gaps of any size.
        const first = local.firstPositionAfter(after);
        if (first === undefined) more = false;
        else {
          const chunk = workers.chunk(first - 1, first - 1 + CHUNK);
          // Awaited in turn below; one that fails after the audit stopped is not unhandled.
          chunk.catch(() => undefined);
          inFlight.push(chunk);
          after = first - 1 + CHUNK;
        }
      }
      const next = inFlight.shift();
      if (!next) return audit.finish();
      const { positions, recordedAtMs, hashes } = await next;
      const changed = leafMismatchSeen ? -1 : (kept?.firstDifference(audit.size, hashes) ?? -1);
      for (let offset = 0; offset < positions.length; offset += 1) {
        if (offset === changed) {
          leafMismatchSeen = true;
          const leafIndex = audit.size;
          const position = positions[offset]!;
          const { streamId, revision } = local.describe(position);
          const appendedAt = options.treeFile!.leaves(leafIndex, 1)[0]!.position;
          audit.report({
            reason: 'leaf_mismatch',
            leafIndex,
            detail: `leaf ${leafIndex} (position ${position}, ${streamId} revision ${revision}) is not the event that was appended as this leaf (appended at position ${appendedAt})`,
          });
        }
        const hash = Buffer.from(hashes.buffer, hashes.byteOffset + offset * 32, 32);
        audit.addLeaf(positions[offset]!, recordedAtMs[offset]!, hash);
      }
    }
  } finally {
    await workers?.close();
    local.close();
    kept?.close();
  }
}

/**
 * The tree file's kept leaves, read a chunk at a time as one blob on a read-only connection of
 * its own and compared in one call: TreeFile.leaves makes an object per leaf, which cost the
 * folding thread more than all its other work.
 */
class KeptLeaves {
  private readonly db: Database.Database;
  private readonly hashes: Database.Statement<[number, number], [Buffer | null]>;

  constructor(file: string) {
    this.db = openSqlite(file, 'readOnly');
    this.hashes = this.db
      .prepare<[number, number], [Buffer | null]>(
        `SELECT CAST(group_concat(hash, '') AS BLOB) FROM (
           SELECT hash FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?)`,
      )
      .raw(true);
  }

  /** The offset of the first of `rebuilt` (32 bytes each) that differs from the leaf kept there. */
  firstDifference(fromLeafIndex: number, rebuilt: Uint8Array): number {
    const kept = this.hashes.get(fromLeafIndex, rebuilt.length / 32)?.[0];
    if (!kept) return -1;
    const ours = Buffer.from(rebuilt.buffer, rebuilt.byteOffset, rebuilt.length);
    // Kept leaves beyond the log, or fewer kept than rebuilt, compare as far as both go.
    const length = Math.min(kept.length, ours.length);
    if (kept.subarray(0, length).equals(ours.subarray(0, length))) return -1;
    for (let offset = 0; offset < length; offset += 32) {
      if (!kept.subarray(offset, offset + 32).equals(ours.subarray(offset, offset + 32))) {
        return offset / 32;
      }
    }
    return -1;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

type Reply = { id: number; chunk: LeafChunk } | { id: number; error: string };

interface Job {
  after: number;
  upTo: number;
  resolve(chunk: LeafChunk): void;
  reject(error: Error): void;
}

/**
 * Worker threads hashing chunks of the log, each on its own read-only connection. A chunk whose
 * worker failed, or that a worker could not hash, is hashed on this thread instead, so an error
 * surfaces as the plain reader's would, never as a silently missing chunk.
 */
class LeafWorkers {
  private readonly workers: Worker[] = [];
  private readonly jobs = new Map<number, { job: Job; worker: Worker }>();
  private nextId = 1;
  private turn = 0;

  constructor(
    file: string,
    private readonly local: LeafHasher,
    threads: number,
  ) {
    for (let index = 0; index < threads; index += 1) {
      const worker = startWorker(file);
      worker.on('message', (reply: Reply) => this.answered(reply));
      worker.on('error', () => this.lost(worker));
      worker.on('exit', () => this.lost(worker));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  chunk(after: number, upTo: number): Promise<LeafChunk> {
    return new Promise<LeafChunk>((resolve, reject) => {
      const job: Job = { after, upTo, resolve, reject };
      const worker = this.workers[this.turn++ % Math.max(1, this.workers.length)];
      if (!worker) return this.hashHere(job);
      const id = this.nextId++;
      this.jobs.set(id, { job, worker });
      worker.postMessage({ id, after, upTo });
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private answered(reply: Reply): void {
    const entry = this.jobs.get(reply.id);
    if (!entry) return;
    this.jobs.delete(reply.id);
    if ('chunk' in reply) entry.job.resolve(reply.chunk);
    else this.hashHere(entry.job);
  }

  private lost(worker: Worker): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    for (const [id, entry] of this.jobs) {
      if (entry.worker !== worker) continue;
      this.jobs.delete(id);
      this.hashHere(entry.job);
    }
  }

  private hashHere(job: Job): void {
    try {
      job.resolve(this.local.chunk(job.after, job.upTo));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** The worker module as built (JavaScript), or its TypeScript source under jest and scripts. */
function startWorker(file: string): Worker {
  const workerFile = join(__dirname, `sqlite-leaf-worker${extname(__filename)}`);
  const workerData = { role: LEAF_WORKER_ROLE, file };
  if (workerFile.endsWith('.js')) return new Worker(workerFile, { workerData });
  const register = join(__dirname, '..', '..', '..', '..', 'scripts', 'register-ts.js');
  const source = `require(${JSON.stringify(register)}); require(${JSON.stringify(workerFile)});`;
  return new Worker(source, { eval: true, workerData });
}
