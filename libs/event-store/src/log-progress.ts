import { ChangeSignal } from './change-signal';

/**
 * How far a consumer of the log (the projector, the process managers) has got, and a way for
 * others to wait until it reaches a position, within a bounded time.
 */
export class LogProgress {
  private current = 0;
  private readonly changes = new ChangeSignal();

  get position(): number {
    return this.current;
  }

  /** Moves to `position` (back as well, after a rebuild) and wakes every waiter. */
  moveTo(position: number): void {
    this.current = position;
    this.changes.notify();
  }

  /** Wakes every waiter, so that it looks again (on stopping, say). */
  wake(): void {
    this.changes.notify();
  }

  /** True once the position is reached, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.current < position) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.changes.waitForChange(this.changes.generation, AbortSignal.timeout(left));
    }
    return true;
  }
}
