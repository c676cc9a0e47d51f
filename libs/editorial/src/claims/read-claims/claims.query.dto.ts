import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type ClaimStatus } from '@marginalia/domain';
import { COAL_CLAIM, EXAMPLE_USERS } from '../claim-example';
import { PageQuery } from '@marginalia/http';
import { RATING_ID } from '../draft-verdict/draft-verdict.request.dto';

export const CLAIM_STATUSES = [
  'open',
  'assigned',
  'in_review',
  'published',
  'withdrawn',
] as const satisfies readonly ClaimStatus[];

/** GET /v1/claims: filters, and a page of `limit` after an opaque `cursor`. */
export class ClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: COAL_CLAIM.articleId })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'articleId must be a lowercase UUID',
  })
  articleId?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES, example: 'in_review' })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({ example: EXAMPLE_USERS.factChecker })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ example: 'true', description: 'The rating of the published verdict' })
  @IsOptional()
  @Matches(RATING_ID, { message: 'rating must be the id of a rating' })
  rating?: string;

  @ApiPropertyOptional({ example: '煤炭产量', description: 'Text in the statement or the quote' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}
