import { type ReanchorOutcome } from '@marginalia/domain';
import { followAnchor, type FollowJob, RevisionDiffs } from './anchor-follower';
import { JobThread, serveJobs } from './job-thread';

const ROLE = 'marginalia-reanchoring';
/** Pairs of revisions the worker keeps, with their diffs; the sender remembers as many. */
const KEPT_PAIRS = 16;

type Answer = ReanchorOutcome | 'missing';

/**
 * Re-anchoring in a worker thread, so that diffing two long revisions never stalls the server's
 * event loop. The worker keeps the recent pairs of revisions with their diffs, so a revision's
 * diff is computed once for all the annotations that follow it; a job carries the two texts only
 * when its pair was not sent lately, and again when the worker says it no longer has it.
 */
export class ReanchoringThread {
  private readonly thread = new JobThread<FollowJob, Answer>({
    role: ROLE,
    file: __filename,
    heapMb: 256,
  });
  private readonly sent = new Set<string>();

  async follow(job: FollowJob): Promise<ReanchorOutcome> {
    const key = RevisionDiffs.key(job);
    const { texts, ...withoutTexts } = job;
    if (this.remembered(key)) {
      const answer = await this.run(withoutTexts);
      if (answer !== 'missing') return answer;
    }
    this.remember(key);
    const answer = await this.run({ ...withoutTexts, texts });
    if (answer === 'missing') throw new Error(`No texts to follow ${key}`);
    return answer;
  }

  /** A worker that failed may have been replaced: it keeps none of the pairs sent so far. */
  private run(job: FollowJob): Promise<Answer> {
    return this.thread.run(job).catch((error: unknown) => {
      this.sent.clear();
      throw error;
    });
  }

  close(): Promise<void> {
    return this.thread.close();
  }

  private remembered(key: string): boolean {
    if (!this.sent.has(key)) return false;
    this.remember(key);
    return true;
  }

  private remember(key: string): void {
    this.sent.delete(key);
    this.sent.add(key);
    if (this.sent.size > KEPT_PAIRS) this.sent.delete(this.sent.values().next().value!);
  }
}

const diffs = new RevisionDiffs(KEPT_PAIRS);
serveJobs<FollowJob, Answer>(ROLE, (job) => followAnchor(job, diffs) ?? 'missing');
