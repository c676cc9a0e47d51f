import { ConsumerPosition } from './consumer-position';

describe('ConsumerPosition', () => {
  it('answers a waiter once its position is reached, not before', async () => {
    const progress = new ConsumerPosition();
    let answer: boolean | undefined;
    const waiting = progress.waitFor(5, 10_000).then((reached) => (answer = reached));
    progress.moveTo(4);
    await Promise.resolve();
    expect(answer).toBeUndefined();
    progress.moveTo(5);
    await waiting;
    expect(answer).toBe(true);
    expect(progress.waiters).toBe(0);
  });

  it('answers at once for a position already reached, and false after the timeout', async () => {
    const progress = new ConsumerPosition();
    progress.moveTo(10);
    await expect(progress.waitFor(3, 0)).resolves.toBe(true);
    await expect(progress.waitFor(11, 0)).resolves.toBe(false);
    const started = Date.now();
    await expect(progress.waitFor(11, 30)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(progress.waiters).toBe(0);
  });

  it('answers many waiters in one move, each for its own position', async () => {
    const progress = new ConsumerPosition();
    const answers = new Map<number, boolean>();
    const all = [1, 2, 3, 7, 9].map((position) =>
      progress.waitFor(position, 10_000).then((reached) => answers.set(position, reached)),
    );
    progress.moveTo(3);
    await Promise.resolve();
    await Promise.resolve();
    expect([...answers.keys()].sort()).toEqual([1, 2, 3]);
    expect(progress.waiters).toBe(2);
    progress.moveTo(9);
    await Promise.all(all);
    expect(answers.size).toBe(5);
  });
});
