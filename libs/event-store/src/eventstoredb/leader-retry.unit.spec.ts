import { NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { readFromLeader } from './leader-retry';

/** What a follower answers a call that requires the leader: NOT_FOUND with the leader's address. */
function notLeader(): NotLeaderError {
  // The gRPC error as the client receives it: status 5 with the leader in its metadata.
  const metadata = {
    getMap: () => ({ 'leader-endpoint-host': '127.0.0.1', 'leader-endpoint-port': '2123' }),
  };
  const error = Object.assign(new Error('5 NOT_FOUND: Leader info available'), {
    code: 5,
    details: 'Leader info available',
    metadata,
  });
  return new NotLeaderError(error as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
}

const noWait = () => Promise.resolve();

describe('a read that reaches a node no longer leading', () => {
  it('is read again, and answers what the leader answers', async () => {
    const answers: Array<() => Promise<number>> = [
      () => Promise.reject(notLeader()),
      () => Promise.resolve(42),
    ];
    let calls = 0;
    const head = await readFromLeader(() => answers[calls++]!(), [50, 250], noWait);
    expect(head).toBe(42);
    expect(calls).toBe(2);
  });

  it('gives up after its last pause, with the server’s refusal', async () => {
    let calls = 0;
    const read = readFromLeader(
      () => {
        calls++;
        return Promise.reject(notLeader());
      },
      [50, 250],
      noWait,
    );
    await expect(read).rejects.toBeInstanceOf(NotLeaderError);
    expect(calls).toBe(3);
  });

  it('is not repeated for any other failure', async () => {
    let calls = 0;
    const read = readFromLeader(
      () => {
        calls++;
        return Promise.reject(new UnavailableError());
      },
      [50, 250],
      noWait,
    );
    await expect(read).rejects.toBeInstanceOf(UnavailableError);
    expect(calls).toBe(1);
  });

  it('pauses as told between attempts', async () => {
    const pauses: number[] = [];
    let calls = 0;
    await readFromLeader(
      () => (calls++ < 2 ? Promise.reject(notLeader()) : Promise.resolve('ok')),
      [50, 250],
      (ms) => {
        pauses.push(ms);
        return Promise.resolve();
      },
    );
    expect(pauses).toEqual([50, 250]);
  });
});
