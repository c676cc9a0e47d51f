import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  type ArticleSource,
  type Claim,
  findRating,
  findRevision,
  streams,
} from '@marginalia/domain';
import { type CommandResult } from '../shared/aggregate-store';
import { Articles } from '../shared/articles';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { type ClaimRow, ReadModelFold } from '@marginalia/projections';
import { type ClaimFilter, type PageRequest, ReadModelQueries } from '@marginalia/read-models';
import { ProblemException, validationFailed } from '@marginalia/http';
import { ReadYourWrites } from '../shared/read-your-writes';
import { RevisionOffsets, type Utf16Offsets } from '../shared/revision-offsets';
import { type ClaimPageResponse, type ClaimResponse, claimResponse } from './claim.response.dto';
import { claimReview, type ClaimReviewResponse } from './read-claims/claim-review.response.dto';

/**
 * What the claim routes answer, always from a `ClaimRow`: the read models' row, or after a
 * command whose events the read models do not show within the read-your-writes wait, the
 * same row folded from the claim's stream in the log by the projections' own code.
 */
@Injectable()
export class ClaimAnswers {
  private readonly logger = new Logger('Claims');
  private readonly offsets = new RevisionOffsets((articleId, revision) =>
    this.textOf(articleId, revision),
  );

  constructor(
    private readonly queries: ReadModelQueries,
    private readonly readYourWrites: ReadYourWrites,
    private readonly articles: Articles,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
  ) {}

  async get(claimId: string): Promise<ClaimResponse> {
    const row = this.row(claimId);
    return claimResponse(row, await this.offsetsOf(row));
  }

  async list(filter: ClaimFilter, page: PageRequest): Promise<ClaimPageResponse> {
    if (filter.rating !== undefined && !findRating(this.config.ratingScale, filter.rating)) {
      throw validationFailed('No rating of the scale has this id', [
        { field: 'rating', message: `rating must be one of ${this.ratingIds()}` },
      ]);
    }
    const { items, nextCursor } = this.queries.claims(filter, page);
    return {
      items: await Promise.all(
        items.map(async (row) => claimResponse(row, await this.offsetsOf(row))),
      ),
      nextCursor,
    };
  }

  /** The claim after a command, once the read models show it (or from the log, see above). */
  async after(result: CommandResult<Claim | null>): Promise<ClaimResponse> {
    const claimId = result.state?.claimId;
    const version = result.version;
    if (claimId === undefined || version === undefined) {
      throw new Error('A claim command that succeeded left no claim');
    }
    await this.readYourWrites.settle(result);
    let row = this.queries.claim(claimId);
    if (!row || row.version < version) {
      this.logger.warn(
        `The read models do not show claim ${claimId} at version ${version} yet; answering from the log`,
      );
      row = await this.rowFromLog(claimId);
    }
    return claimResponse(row, await this.offsetsOf(row));
  }

  async claimReview(claimId: string): Promise<ClaimReviewResponse> {
    const row = this.row(claimId);
    const verdict = row.claim.published;
    if (!verdict) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not_found',
        `Claim ${claimId} has no published verdict`,
      );
    }
    return claimReview(row, verdict, await this.sourceOf(row.articleId), {
      publisher: this.config.publisher,
      urlTemplate: this.config.factCheckUrlTemplate,
      scale: this.config.ratingScale,
    });
  }

  private ratingIds(): string {
    return this.config.ratingScale.ratings.map((rating) => rating.id).join(', ');
  }

  private row(claimId: string): ClaimRow {
    const row = this.queries.claim(claimId);
    if (!row) throw new ProblemException(HttpStatus.NOT_FOUND, 'not_found', `No claim ${claimId}`);
    return row;
  }

  private async rowFromLog(claimId: string): Promise<ClaimRow> {
    const fold = new ReadModelFold();
    for (const event of await this.store.readStream(streams.claim(claimId))) fold.apply(event);
    const row = fold.claim(claimId);
    if (!row) throw new Error(`The log has no claim ${claimId}`);
    return row;
  }

  /** The offsets of the text the claim's anchor counts in. */
  private offsetsOf(row: ClaimRow): Promise<Utf16Offsets> {
    return this.offsets.of(row.articleId, row.claim.anchor.revision);
  }

  /** A revision's text: from the read models, or the article's stream. */
  private async textOf(articleId: string, revision: number): Promise<string> {
    const stored = this.queries.revision(articleId, revision);
    if (stored) return stored.text;
    const { article } = await this.articles.get(articleId);
    const found = findRevision(article, revision);
    if (!found) throw new Error(`Article ${articleId} has no revision ${revision}`);
    return found.text;
  }

  private async sourceOf(articleId: string): Promise<ArticleSource> {
    const stored = this.queries.article(articleId);
    return stored ? stored.source : (await this.articles.get(articleId)).article.source;
  }
}
