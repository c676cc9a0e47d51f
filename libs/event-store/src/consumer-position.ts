interface Waiter {
  position: number;
  done(reached: boolean): void;
}

/**
 * How far a consumer of the log (the projector, the process managers) has got, and a way for
 * others to wait until it reaches a position, within a bounded time.
 *
 * Each waiter has one timer and is answered by the move that reaches its position: under 50
 * concurrent requests, waking every waiter on every move to look again, with a new timeout
 * signal each time, cost about 1 % of the server's time.
 */
export class ConsumerPosition {
  private current = 0;
  private readonly waiting = new Set<Waiter>();

  get position(): number {
    return this.current;
  }

  /** Moves to `position` (back as well, after a rebuild) and answers the waiters it reaches. */
  moveTo(position: number): void {
    this.current = position;
    this.wake();
  }

  /** Answers every waiter whose position is reached. */
  wake(): void {
    for (const waiter of this.waiting) {
      if (this.current >= waiter.position) waiter.done(true);
    }
  }

  /** How many calls of `waitFor` are waiting now. */
  get waiters(): number {
    return this.waiting.size;
  }

  /** True once the position is reached, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        done: (reached) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(reached);
        },
      };
      // Does not keep the process alive, as a timeout signal did not.
      const timer = setTimeout(() => waiter.done(false), timeoutMs).unref();
      this.waiting.add(waiter);
    });
  }
}
