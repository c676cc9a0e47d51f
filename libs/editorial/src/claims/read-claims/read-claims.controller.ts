import { Get, Header, Param, Query } from '@nestjs/common';
import { ClaimRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiProblems, ResourceIdPipe } from '@marginalia/http';
import { ClaimAnswers } from '../claim-answers';
import { ETAG_HEADER } from '../claim-api-docs';
import { ClaimPageResponse, ClaimResponse } from '../claim.response.dto';
import { CLAIM_REVIEW_CONTENT_TYPE, ClaimReviewResponse } from './claim-review.response.dto';
import { ClaimsQuery } from './claims.query.dto';

/** GET /v1/claims, /v1/claims/{id} and its ClaimReview: what the desk reads of its claims. */
@ClaimRoutes()
export class ReadClaimsController {
  constructor(private readonly claims: ClaimAnswers) {}

  @Get()
  @ApiOperation({ summary: 'Claims, filtered and paged in order of capture' })
  @ApiOkResponse({ type: ClaimPageResponse })
  @ApiProblems(400)
  list(@Query() query: ClaimsQuery): Promise<ClaimPageResponse> {
    const { limit, cursor, ...filter } = query;
    return this.claims.list(filter, { limit, cursor });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A claim with its anchor, status, draft, published verdict and history',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(404)
  get(@Param('id', ResourceIdPipe) id: string): Promise<ClaimResponse> {
    return this.claims.get(id);
  }

  @Get(':id/claim-review')
  @Header('Content-Type', CLAIM_REVIEW_CONTENT_TYPE)
  @ApiOperation({ summary: 'schema.org ClaimReview (JSON-LD) of the published verdict' })
  @ApiProduces(CLAIM_REVIEW_CONTENT_TYPE)
  @ApiOkResponse({ type: ClaimReviewResponse })
  @ApiProblems([404, '`not_found`: no such claim, or no published verdict'])
  claimReview(@Param('id', ResourceIdPipe) id: string): Promise<ClaimReviewResponse> {
    return this.claims.claimReview(id);
  }
}
