import { join } from 'node:path';
import { type EditorialApp } from '../../../../../test/support/editorial-app';
import { LogFollower, type ProcessManager } from '../log-follower';
import { ProcessState } from '../process-state';

export interface FollowingAlone {
  follower: LogFollower;
  /** Resolves once every event now in the log is handled (and throws if that takes too long). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs some process managers, and only those, over an editorial app's log (one started with
 * `processManagers: false`), keeping their state (which `managers` is given) in `stateFile` of the app's data folder.
 */
export function followAlone(
  desk: EditorialApp,
  dataDir: string,
  managers: (state: ProcessState) => readonly ProcessManager[],
  stateFile = 'alone.db',
): FollowingAlone {
  const state = new ProcessState(join(dataDir, stateFile));
  const follower = new LogFollower(desk.store, state, 'alone', managers(state));
  follower.start();
  return {
    follower,
    async settle() {
      for (;;) {
        const head = await desk.store.headPosition();
        if (!(await follower.waitFor(head, 10_000))) throw new Error('The follower lags');
        if ((await desk.store.headPosition()) === head) return;
      }
    },
    stop: () => follower.stop(),
  };
}
