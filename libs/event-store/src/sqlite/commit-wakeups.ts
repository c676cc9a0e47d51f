import { utimesSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ChangeSignal } from '../change-signal';

/**
 * Tells subscribers that the log grew: those of this store at once, and, with `crossProcess`,
 * those of every other store on the same file (a CLI beside the server) without polling. Every
 * commit touches the log file's times after it is visible, and every store watches the folder
 * for that.
 */
export class CommitWakeups {
  readonly changes = new ChangeSignal();
  private readonly watcher: FSWatcher | undefined;

  constructor(
    private readonly file: string,
    private readonly crossProcess: boolean,
  ) {
    this.watcher = crossProcess ? this.watchCommits() : undefined;
  }

  announceCommit(): void {
    this.changes.notify();
    if (!this.crossProcess) return;
    try {
      const now = new Date();
      utimesSync(this.file, now, now);
    } catch {
      // A missed wake-up only delays other processes' subscribers until the next commit.
    }
  }

  close(): void {
    this.watcher?.close();
    this.changes.notify();
  }

  /**
   * The write-ahead log itself is no signal: its frames are written before the commit becomes
   * visible to other connections, so a reader woken by them can read too early.
   */
  private watchCommits(): FSWatcher | undefined {
    const name = basename(this.file);
    try {
      const watcher = watch(dirname(this.file), { persistent: false }, (_event, changed) => {
        if (changed === name) this.changes.notify();
      });
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined;
    }
  }
}
