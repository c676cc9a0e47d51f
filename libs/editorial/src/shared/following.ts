import { Reanchoring, reanchorByQuote, type ReanchorResult } from '@marginalia/anchoring';
import { type Anchor, type Article, findRevision, type ReanchorOutcome } from '@marginalia/domain';

/**
 * Where annotations of one article stand in a later revision. The diff of each pair of
 * revisions is computed once however many annotations follow it.
 */
export class AnchorFollower {
  private readonly diffs = new Map<string, Reanchoring>();

  constructor(private readonly article: Article) {}

  /** An anchored span follows the diff from its revision; an orphan is retried by its quote only. */
  follow(anchor: Anchor, toRevision: number): ReanchorOutcome {
    const target = this.text(toRevision);
    const result =
      anchor.state === 'orphaned'
        ? reanchorByQuote(target, anchor)
        : this.diff(anchor.revision, toRevision).reanchor(anchor);
    return toOutcome(result, toRevision);
  }

  private diff(from: number, to: number): Reanchoring {
    const key = `${from}->${to}`;
    let diff = this.diffs.get(key);
    if (!diff) {
      diff = new Reanchoring(this.text(from), this.text(to));
      this.diffs.set(key, diff);
    }
    return diff;
  }

  private text(revision: number): string {
    const found = findRevision(this.article, revision);
    if (!found) throw new Error(`Article ${this.article.articleId} has no revision ${revision}`);
    return found.text;
  }
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
