import { JobThreadError } from '../../libs/editorial/src/shared/job-thread';
import { stubbornThread } from './fixtures/stubborn-jobs';

/** The worker thread that keeps slow or greedy work off the server's event loop. */
describe('a job thread', () => {
  it('answers jobs in a worker and passes a refusal back with its code and field', async () => {
    const thread = stubbornThread(10_000);
    try {
      expect(await thread.run({ kind: 'echo', value: '甲🇺🇸' })).toBe('甲🇺🇸');
      const refused = await thread.run({ kind: 'refuse' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(JobThreadError);
      expect((refused as JobThreadError).thrown).toMatchObject({
        code: 'refused_here',
        field: 'value',
        message: 'not this one',
      });
    } finally {
      await thread.close();
    }
  });

  it('ends a job that runs over its time, and answers the next job from a new worker', async () => {
    const thread = stubbornThread(500);
    try {
      const started = Date.now();
      const late = await thread.run({ kind: 'spin', ms: 20_000 }).catch((error: unknown) => error);
      expect(late).toBeInstanceOf(JobThreadError);
      expect((late as JobThreadError).thrown).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await thread.run({ kind: 'echo', value: 'again' })).toBe('again');
    } finally {
      await thread.close();
    }
  });

  it('survives a job that exhausts the worker’s heap, and keeps this thread’s loop free', async () => {
    const thread = stubbornThread(30_000);
    try {
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 10);
      const greedy = await thread.run({ kind: 'hog' }).catch((error: unknown) => error);
      clearInterval(ticker);
      expect(greedy).toBeInstanceOf(JobThreadError);
      expect(ticks).toBeGreaterThan(0);
      expect(await thread.run({ kind: 'echo', value: 'still here' })).toBe('still here');
    } finally {
      await thread.close();
    }
  });
});
