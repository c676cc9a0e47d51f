import {
  Reanchoring,
  reanchorByQuote,
  type ReanchorResult,
  RevisionText,
} from '@marginalia/anchoring';
import { type Anchor, type Article, findRevision, type ReanchorOutcome } from '@marginalia/domain';

/** One annotation to follow from its revision to a later one of the same article. */
export interface FollowJob {
  articleId: string;
  anchor: Anchor;
  toRevision: number;
  /** The texts of the anchor's revision and of `toRevision`; left out when sent already. */
  texts?: { older: string; newer: string };
}

/** Two revisions' texts, indexed once, and their diff, computed when first needed. */
class RevisionPair {
  readonly older: RevisionText;
  readonly newer: RevisionText;
  private diff: Reanchoring | undefined;

  constructor(older: string, newer: string) {
    this.older = RevisionText.of(older);
    this.newer = RevisionText.of(newer);
  }

  get reanchoring(): Reanchoring {
    this.diff ??= new Reanchoring(this.older, this.newer);
    return this.diff;
  }
}

/**
 * Recent pairs of revisions and their diffs, each diff computed once however many annotations
 * follow it. A revision's text never changes, so an article and two revision numbers name a pair.
 */
export class RevisionDiffs {
  private readonly pairs = new Map<string, RevisionPair>();

  constructor(private readonly capacity: number) {}

  static key(job: Pick<FollowJob, 'articleId' | 'anchor' | 'toRevision'>): string {
    return `${job.articleId}:${job.anchor.revision}->${job.toRevision}`;
  }

  /** The job's pair, or undefined when it is not kept and the job brings no texts. */
  of(job: FollowJob): RevisionPair | undefined {
    const key = RevisionDiffs.key(job);
    let pair = this.pairs.get(key);
    if (pair) {
      this.pairs.delete(key);
    } else {
      if (!job.texts) return undefined;
      pair = new RevisionPair(job.texts.older, job.texts.newer);
    }
    this.pairs.set(key, pair);
    if (this.pairs.size > this.capacity) this.pairs.delete(this.pairs.keys().next().value!);
    return pair;
  }
}

/**
 * Where an annotation stands in a later revision: an anchored span follows the diff from its
 * revision; an orphan is retried by its quote only. Undefined when the pair of revisions is not
 * kept and the job brings no texts.
 */
export function followAnchor(job: FollowJob, diffs: RevisionDiffs): ReanchorOutcome | undefined {
  const pair = diffs.of(job);
  if (!pair) return undefined;
  const { anchor } = job;
  const result =
    anchor.state === 'orphaned'
      ? reanchorByQuote(pair.newer, anchor)
      : pair.reanchoring.reanchor(anchor);
  return toOutcome(result, job.toRevision);
}

/** The job of following `anchor` to `toRevision` of `article`, with both texts. */
export function followJob(article: Article, anchor: Anchor, toRevision: number): FollowJob {
  return {
    articleId: article.articleId,
    anchor,
    toRevision,
    texts: { older: textOf(article, anchor.revision), newer: textOf(article, toRevision) },
  };
}

/**
 * Follows annotations of one article in this thread, for a program that plans many follows at
 * once (the benchmark's newsroom); the server follows them in a worker thread (AnchorFollowing).
 */
export class AnchorFollower {
  private readonly diffs = new RevisionDiffs(64);

  constructor(private readonly article: Article) {}

  follow(anchor: Anchor, toRevision: number): ReanchorOutcome {
    return followAnchor(followJob(this.article, anchor, toRevision), this.diffs)!;
  }
}

function textOf(article: Article, revision: number): string {
  const found = findRevision(article, revision);
  if (!found) throw new Error(`Article ${article.articleId} has no revision ${revision}`);
  return found.text;
}

function toOutcome(result: ReanchorResult, revision: number): ReanchorOutcome {
  if (result.method === 'orphaned') {
    return { method: 'orphaned', score: result.score, reason: result.reason, revision };
  }
  return {
    method: result.method,
    score: result.score,
    anchor: { ...result.anchor, revision, state: 'anchored' },
  };
}
