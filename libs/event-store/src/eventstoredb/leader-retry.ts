import { NotLeaderError } from '@eventstore/db-client';

/** The pauses before a read's second and third attempt after it reached a node not leading. */
export const LEADER_RETRY_DELAYS_MS: readonly number[] = [50, 250];

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a read, again on NotLeaderError. With `nodePreference=leader` every call goes to the
 * leader; one that reaches a node that no longer leads (a failover, or a fresh cluster settling
 * right after its first election) is refused with the leader's address, and the client opens a
 * channel to that leader for its next call. A read is safe to repeat, so it is tried there
 * rather than failing its request with 503. Appends are not retried here: whether a refused
 * append was stored is decided by the log (`previousAppendIn`).
 */
export async function readFromLeader<T>(
  read: () => Promise<T>,
  delays: readonly number[] = LEADER_RETRY_DELAYS_MS,
  wait: (ms: number) => Promise<void> = pause,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const delay = delays[attempt];
      if (!(error instanceof NotLeaderError) || delay === undefined) throw error;
      await wait(delay);
    }
  }
}
