import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** What a job's error becomes on its way back: its name, message, and stable code if any. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  field?: string;
}

export class JobThreadError extends Error {
  constructor(
    message: string,
    readonly thrown?: ThreadError,
  ) {
    super(message);
    this.name = 'JobThreadError';
  }
}

type Reply<Result> = { id: number; result: Result } | { id: number; error: ThreadError };

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export interface JobThreadOptions {
  /** Names the serving module, which must call `serveJobs` with the same role. */
  role: string;
  /** The serving module's own file (`__filename`): the worker runs it. */
  file: string;
  /** The worker's heap, apart from the server's: a job that needs more ends the worker, not the server. */
  heapMb: number;
  /** A job not answered by then ends the worker (and fails its other jobs). */
  timeoutMs?: number;
}

/**
 * Runs jobs in one worker thread, in order, so that the server's event loop never waits for
 * them. The worker starts with the first job and is started again after it dies (out of memory,
 * over time): the jobs it had fail, and their callers decide whether to try again. An idle
 * worker does not keep a one-shot program alive.
 */
export class JobThread<Job, Result> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending<Result>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: JobThreadOptions) {}

  run(job: Job): Promise<Result> {
    if (this.closed) return Promise.reject(new JobThreadError('The worker thread has stopped'));
    return new Promise<Result>((resolve, reject) => {
      const id = this.nextId++;
      const pending: Pending<Result> = { resolve, reject };
      const worker = this.start();
      if (this.options.timeoutMs !== undefined) {
        pending.timer = setTimeout(() => this.expire(worker, id), this.options.timeoutMs);
      }
      this.pending.set(id, pending);
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new JobThreadError('The worker thread has stopped'));
    await worker?.terminate();
  }

  private onReply(reply: Reply<Result>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.settled(reply.id, pending);
    if ('result' in reply) pending.resolve(reply.result);
    else pending.reject(new JobThreadError(reply.error.message, reply.error));
  }

  private expire(worker: Worker, id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.settled(id, pending);
    pending.reject(new JobThreadError(`No answer within ${this.options.timeoutMs} ms`));
    // Whatever it is doing will not be wanted: start afresh for the next job.
    this.stopped(worker, new Error('a job ran over its time'));
    void worker.terminate();
  }

  private settled(id: number, pending: Pending<Result>): void {
    clearTimeout(pending.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.options);
    worker.on('message', (reply: Reply<Result>) => this.onReply(reply));
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private stopped(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(new JobThreadError(`The worker thread stopped: ${cause.message}`));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}

/** The serving module as the worker: compiled JavaScript as built, TypeScript under jest. */
function startWorker({ role, file, heapMb }: JobThreadOptions): Worker {
  const options = { workerData: { role }, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (file.endsWith('.js')) return new Worker(file, options);
  const register = join(__dirname, '..', '..', '..', '..', 'scripts', 'register-ts.js');
  const source = `require(${JSON.stringify(register)}); require(${JSON.stringify(file)});`;
  return new Worker(source, { ...options, eval: true });
}

/** In the worker started for `role`, answers each job with `handle`; elsewhere does nothing. */
export function serveJobs<Job, Result>(role: string, handle: (job: Job) => Result): void {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== role) return;
  parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: Reply<Result>;
    try {
      reply = { id, result: handle(job) };
    } catch (error) {
      reply = { id, error: threadError(error) };
    }
    parentPort!.postMessage(reply);
  });
}

function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, field } = error as { code?: unknown; field?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof field === 'string' ? { field } : {}),
  };
}
