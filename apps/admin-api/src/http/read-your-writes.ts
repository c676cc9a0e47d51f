import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { type CommandResult, ProcessManagers } from '@marginalia/editorial';
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
    if (!(await this.processManagers.waitFor(position, Math.max(0, deadline - Date.now())))) {
      return false;
    }
    // What the process managers appended because of this command, projected too: they have
    // handled it, so all of that is in the log now, up to its head.
    const head = await this.store.headPosition();
    return this.projector.waitFor(head, Math.max(0, deadline - Date.now()));
  }
}
