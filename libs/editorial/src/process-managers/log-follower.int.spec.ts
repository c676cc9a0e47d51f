import { DomainError, type DomainEvent, type DomainEventType } from '@marginalia/domain';
import { createEventIdGenerator, type StoredEvent } from '@marginalia/event-store';
import { type EditorialApp, startEditorial } from '../../../../test/support/editorial-app';
import { makeTempDir } from '../../../../test/support/temp-dir';
import { type ProcessManager } from './log-follower';
import { type FollowingAlone, followAlone } from './testing/follow-alone';

/** A process manager that writes down what it is fed, and fails as often as it is told to. */
class Recorder implements ProcessManager {
  readonly seen: string[] = [];
  readonly reactsTo: ReadonlySet<DomainEventType>;

  constructor(
    readonly name: string,
    types: DomainEventType[],
    private failing: { times: number; with: () => Error } = { times: 0, with: () => new Error() },
  ) {
    this.reactsTo = new Set(types);
  }

  react(event: DomainEvent, stored: StoredEvent): Promise<void> {
    this.seen.push(`${event.type}@${stored.position}`);
    if (this.failing.times-- > 0) return Promise.reject(this.failing.with());
    return Promise.resolve();
  }
}

describe('the log follower that feeds the process managers', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let desk: EditorialApp;
  let running: FollowingAlone | undefined;
  const nextId = createEventIdGenerator();

  beforeEach(async () => {
    dir = makeTempDir();
    desk = await startEditorial(dir.path, { processManagers: false });
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await desk.close();
    dir.remove();
  });

  /** Events of these types, stored as they are: the recorders read only their types. */
  async function append(...types: string[]): Promise<void> {
    const events = types.map((type) => ({
      eventId: nextId(),
      type,
      schemaVersion: 1,
      data: {},
      metadata: {},
    }));
    await desk.store.append('test-1', events, { expectedRevision: 'any' });
  }

  it('feeds each process manager the events it reacts to, in log order, once', async () => {
    const articles = new Recorder('articles', ['ArticleImported', 'ArticleRevised']);
    const both = new Recorder('both', ['ArticleRevised', 'CorrectionApproved']);
    await append('ArticleImported', 'NoiseRecorded', 'ArticleRevised', 'CorrectionApproved');
    running = followAlone(desk, dir.path, () => [articles, both]);
    await running.settle();
    expect(articles.seen).toEqual(['ArticleImported@1', 'ArticleRevised@3']);
    expect(both.seen).toEqual(['ArticleRevised@3', 'CorrectionApproved@4']);

    // Restarted on the same state file, it goes on after its checkpoint.
    await running.stop();
    await append('ArticleRevised');
    running = followAlone(desk, dir.path, () => [articles, both]);
    await running.settle();
    expect(articles.seen.slice(2)).toEqual(['ArticleRevised@5']);
    expect(running.follower.status()).toEqual({ position: 5, failures: 0 });
  });

  it('takes a refusal as the answer, and tries a failure again', async () => {
    const refused = new Recorder('refused', ['ArticleImported'], {
      times: 1,
      with: () => new DomainError('invalid_transition', 'Already done'),
    });
    const flaky = new Recorder('flaky', ['ArticleImported'], {
      times: 2,
      with: () => new Error('disk hiccup'),
    });
    await append('ArticleImported');
    running = followAlone(desk, dir.path, () => [refused, flaky]);
    await running.settle();
    expect(refused.seen).toEqual(['ArticleImported@1']);
    expect(flaky.seen).toEqual(['ArticleImported@1', 'ArticleImported@1', 'ArticleImported@1']);
    expect(running.follower.status()).toEqual({ position: 1, failures: 0 });
  });

  it('counts an event it could not handle in five attempts, and goes on', async () => {
    const broken = new Recorder('broken', ['ArticleImported'], {
      times: Infinity,
      with: () => new Error('always'),
    });
    await append('ArticleImported', 'NoiseRecorded');
    running = followAlone(desk, dir.path, () => [broken]);
    await running.settle();
    expect(broken.seen).toHaveLength(5);
    expect(running.follower.status()).toEqual({ position: 2, failures: 1 });
  }, 10_000);
});
