import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors';

/**
 * Fails `work` with EventStoreUnavailableError once `ms` have passed. The client passes a
 * deadline to appends but gives reads and subscriptions none (6.2.1 sets theirs to Infinity),
 * so every call is bounded here as well. A write that times out may still commit: retrying it
 * with the same event ids is safe.
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  action: string,
  onExpiry?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onExpiry?.();
      reject(new EventStoreUnavailableError(`EventStoreDB did not complete ${action} in ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}

/** Every item of a read, within the deadline; an expired read is cancelled on the server. */
export function readToEnd<E>(read: StreamingRead<E>, ms: number, action: string): Promise<E[]> {
  return withDeadline(drain(read), ms, action, () => {
    read.cancel().catch(() => undefined);
  });
}

async function drain<E>(read: AsyncIterable<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
