import { Body, Controller, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute } from '../claim-routes';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { CaptureClaimCommand } from './capture-claim.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { CaptureClaimRequest } from './capture-claim.request.dto';
import { CLAIM_HEADERS, SPAN_REFUSALS } from '../claim-api-docs';
import { ClaimResponse } from '../claim.response.dto';

/** POST /v1/articles/{id}/claims: capture a claim on a span of the article. */
@ApiTags('claims')
@ApiAuthenticated()
@Controller('v1/articles')
export class CaptureClaimController extends ClaimCommandRoute {
  @Post(':id/claims')
  @Requires('claim.capture')
  @Created((claim: ClaimResponse) => `/v1/claims/${claim.id}`)
  @ApiOperation({ summary: 'Capture a claim on a span of the article (editor, fact-checker)' })
  @ApiCreatedResponse({ type: ClaimResponse, headers: CLAIM_HEADERS })
  @ApiIdempotent()
  @ApiProblems(
    400,
    403,
    [404, '`not_found`: no such article'],
    [409, '`invalid_transition`: the article was withdrawn'],
    413,
    415,
    [422, SPAN_REFUSALS],
  )
  capture(
    @Param('id', ResourceIdPipe) articleId: string,
    @Body() body: CaptureClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(
      new CaptureClaimCommand(
        {
          articleId,
          revision: body.revision ?? undefined,
          selector: selectorOf(body.selector),
          statement: body.statement ?? null,
          claimant: body.claimant ?? null,
          topics: body.topics ?? [],
        },
        context,
      ),
    );
  }
}
