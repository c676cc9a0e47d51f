import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type ArticleSource,
  findRating,
  type PublishedVerdict,
  type RatingScale,
} from '@marginalia/domain';
import { type ClaimRow } from '@marginalia/projections';
import { CORPUS_000 } from '../../articles/article-example';
import { COAL_CLAIM, COAL_VERDICT } from '../claim-example';

export const CLAIM_REVIEW_CONTENT_TYPE = 'application/ld+json';

export class ReviewRatingResponse {
  @ApiProperty({ example: 'Rating' })
  '@type'!: 'Rating';

  @ApiProperty({ example: 'True', description: 'The rating’s label' })
  alternateName!: string;

  @ApiPropertyOptional({ example: 5, description: 'Only for a scored rating' })
  ratingValue?: number;

  @ApiPropertyOptional({ example: 5, description: 'Only for a scored rating' })
  bestRating?: number;

  @ApiPropertyOptional({ example: 1, description: 'Only for a scored rating' })
  worstRating?: number;
}

export class SchemaAgentResponse {
  @ApiProperty({ enum: ['Person', 'Organization'], example: 'Person' })
  '@type'!: 'Person' | 'Organization';

  @ApiProperty({ example: COAL_CLAIM.claimant })
  name!: string;

  @ApiPropertyOptional({ example: 'https://factcheck.example.org' })
  url?: string;
}

export class ReviewedClaimResponse {
  @ApiProperty({ example: 'Claim' })
  '@type'!: 'Claim';

  @ApiPropertyOptional({
    type: SchemaAgentResponse,
    description: 'The claimant as a Person, or else the article’s publisher as an Organization',
  })
  author?: SchemaAgentResponse;

  @ApiPropertyOptional({
    example: CORPUS_000.publishedAt,
    description: 'The article’s publication date',
  })
  datePublished?: string;

  @ApiPropertyOptional({ example: CORPUS_000.url, description: 'The article’s source URL' })
  appearance?: string;
}

/** schema.org ClaimReview (SPEC §6, §8), served as application/ld+json. */
export class ClaimReviewResponse {
  @ApiProperty({ example: 'https://schema.org' })
  '@context'!: 'https://schema.org';

  @ApiProperty({ example: 'ClaimReview' })
  '@type'!: 'ClaimReview';

  @ApiProperty({ example: COAL_CLAIM.statement })
  claimReviewed!: string;

  @ApiProperty({ example: COAL_VERDICT.summary, description: 'The verdict’s public summary' })
  reviewBody!: string;

  @ApiProperty({ type: ReviewRatingResponse })
  reviewRating!: ReviewRatingResponse;

  @ApiProperty({ type: ReviewedClaimResponse })
  itemReviewed!: ReviewedClaimResponse;

  @ApiProperty({ type: SchemaAgentResponse, description: 'The publishing organisation' })
  author!: SchemaAgentResponse;

  @ApiProperty({
    example: '2024-03-09T08:15:30.000Z',
    description: 'When the verdict was published',
  })
  datePublished!: string;

  @ApiProperty({ example: `https://factcheck.example.org/fact-checks/${COAL_CLAIM.id}` })
  url!: string;
}

export interface ClaimReviewSettings {
  publisher: { name: string; url: string };
  /** FACTCHECK_URL_TEMPLATE: `{claimId}` is replaced by the claim's id. */
  urlTemplate: string;
  scale: RatingScale;
}

/** The ClaimReview of the claim's published verdict. */
export function claimReview(
  row: ClaimRow,
  verdict: PublishedVerdict,
  source: ArticleSource,
  settings: ClaimReviewSettings,
): ClaimReviewResponse {
  const { claim } = row;
  const rating = findRating(settings.scale, verdict.rating);
  const scored =
    rating && rating.value !== null
      ? {
          ratingValue: rating.value,
          bestRating: settings.scale.best,
          worstRating: settings.scale.worst,
        }
      : {};
  const claimAuthor: SchemaAgentResponse | undefined =
    claim.claimant !== null
      ? { '@type': 'Person', name: claim.claimant }
      : source.publisher !== null
        ? { '@type': 'Organization', name: source.publisher }
        : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    claimReviewed: claim.statement,
    reviewBody: verdict.summary,
    reviewRating: { '@type': 'Rating', alternateName: rating?.label ?? verdict.rating, ...scored },
    itemReviewed: {
      '@type': 'Claim',
      ...(claimAuthor ? { author: claimAuthor } : {}),
      ...(source.publishedAt !== null ? { datePublished: source.publishedAt } : {}),
      ...(source.url !== null ? { appearance: source.url } : {}),
    },
    author: { '@type': 'Organization', name: settings.publisher.name, url: settings.publisher.url },
    datePublished: row.publishedAt ?? row.updatedAt,
    url: settings.urlTemplate.replaceAll('{claimId}', row.id),
  };
}
