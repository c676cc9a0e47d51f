import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { ProcessManagers } from '../process-managers/process-managers';
import { type CommandResult } from './aggregate-store';
import { Projector } from '@marginalia/read-models';

/** How long a command waits for the read models of this process to show its events. */
export const READ_YOUR_WRITES_MS = 2000;

/**
 * Read-your-writes (SPEC §7): a command answers once the projector of the same process has
 * applied its events, within a bounded wait. With `followOn`, it also waits for the process
 * managers' follow-on work (an approved correction's publication) and its projection.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projector: Projector,
    private readonly processManagers: ProcessManagers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** True when the read models reflect the result's events within the wait. */
  async settle(
    result: Pick<CommandResult<unknown>, 'position'>,
    options: { followOn?: boolean } = {},
  ): Promise<boolean> {
    const position = result.position;
    if (position === undefined) return true;
    const deadline = Date.now() + READ_YOUR_WRITES_MS;
    if (!(await this.projector.waitFor(position, READ_YOUR_WRITES_MS))) return false;
    if (!options.followOn) return true;
    // The follow-on work appends events the process managers handle in turn (a publication's
    // revision moves the article's annotations): wait until they have handled the log's head
    // and it stayed where it was, then for its projection.
    let handled = position;
    for (;;) {
      const left = Math.max(0, deadline - Date.now());
      if (!(await this.processManagers.waitFor(handled, left))) return false;
      const head = await this.store.headPosition();
      if (head === handled) break;
      handled = head;
    }
    return this.projector.waitFor(handled, Math.max(0, deadline - Date.now()));
  }
}
