/**
 * Wakes waiting subscribers when the log may have grown. A waiter passes the generation it saw
 * before its last read, so a change that lands between that read and the wait is never missed.
 */
export class ChangeSignal {
  private generationCount = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.generationCount;
  }

  /**
   * Wakes the waiters one per turn of the event loop: each reads and handles what was appended
   * (a 5 MiB import is 10 MB of JSON to parse), and a request arriving meanwhile, a /health
   * probe among them, is answered between two of them rather than after all.
   */
  notify(): void {
    this.generationCount += 1;
    const waiting = [...this.waiters];
    this.waiters.clear();
    wakeInTurn(waiting);
  }

  /** Resolves once the generation has moved past `seen`, or the signal aborts. */
  waitForChange(seen: number, signal?: AbortSignal): Promise<void> {
    if (this.generationCount !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}

function wakeInTurn(waiting: Array<() => void>): void {
  const [first, ...rest] = waiting;
  first?.();
  if (rest.length > 0) setImmediate(() => wakeInTurn(rest));
}
