import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type ReanchorOutcome } from '@marginalia/domain';
import { followAnchor, type FollowJob, RevisionDiffs } from './following';

/** Pairs of revisions the worker keeps, with their diffs; the sender remembers as many. */
const KEPT_PAIRS = 16;
/** The worker's own heap, apart from the server's. */
const WORKER_HEAP_MB = 256;

type Request = { id: number; job: FollowJob };
type Reply =
  | { id: number; outcome: ReanchorOutcome }
  | { id: number; missing: true }
  | { id: number; error: string };

interface Pending {
  job: FollowJob;
  resolve: (outcome: ReanchorOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * Re-anchoring in a worker thread, so that diffing two long revisions never stalls the server's
 * event loop. The worker keeps the recent pairs of revisions with their diffs, so a revision's
 * diff is computed once for all the annotations that follow it; a job carries the two texts only
 * when its pair was not sent lately (and again if the worker says it no longer has it). A worker
 * that dies fails the jobs it had (their callers retry) and is started again on the next job.
 */
export class ReanchoringThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new Set<string>();
  private nextId = 1;
  private closed = false;

  follow(job: FollowJob): Promise<ReanchorOutcome> {
    if (this.closed) return Promise.reject(new Error('Re-anchoring has stopped'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { job, resolve, reject });
      this.send(id, job, !this.remembered(RevisionDiffs.key(job)));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('Re-anchoring has stopped'));
    await worker?.terminate();
  }

  private send(id: number, job: FollowJob, withTexts: boolean): void {
    const { texts, ...rest } = job;
    const worker = this.start();
    worker.ref();
    worker.postMessage({ id, job: withTexts ? job : rest } satisfies Request);
    if (withTexts && texts) this.remember(RevisionDiffs.key(job));
  }

  private onReply(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if ('missing' in reply) {
      this.send(reply.id, pending.job, true);
      return;
    }
    this.pending.delete(reply.id);
    // An idle worker does not keep a one-shot program alive.
    if (this.pending.size === 0) this.worker?.unref();
    if ('outcome' in reply) pending.resolve(reply.outcome);
    else pending.reject(new Error(`Re-anchoring failed: ${reply.error}`));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.on('message', (reply: Reply) => this.onReply(reply));
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private stopped(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.sent.clear();
    this.failAll(new Error(`The re-anchoring worker stopped: ${cause.message}`));
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private remembered(key: string): boolean {
    if (!this.sent.has(key)) return false;
    this.sent.delete(key);
    this.sent.add(key);
    return true;
  }

  private remember(key: string): void {
    this.sent.delete(key);
    this.sent.add(key);
    if (this.sent.size > KEPT_PAIRS) this.sent.delete(this.sent.values().next().value!);
  }
}

const ROLE = 'marginalia-reanchoring';

/** This very file, run as the worker: compiled JavaScript as built, TypeScript under jest. */
function startWorker(): Worker {
  const options = {
    workerData: { role: ROLE },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  };
  if (__filename.endsWith('.js')) return new Worker(__filename, options);
  const register = join(__dirname, '..', '..', '..', '..', 'scripts', 'register-ts.js');
  const source = `require(${JSON.stringify(register)}); require(${JSON.stringify(__filename)});`;
  return new Worker(source, { ...options, eval: true });
}

function serve(): void {
  const diffs = new RevisionDiffs(KEPT_PAIRS);
  parentPort!.on('message', ({ id, job }: Request) => {
    let reply: Reply;
    try {
      const outcome = followAnchor(job, diffs);
      reply = outcome ? { id, outcome } : { id, missing: true };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) serve();
