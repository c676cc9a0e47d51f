import { HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, VerdictRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Requires, ApiProblems, RequestContext, ResourceIdPipe } from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { SubmitVerdictCommand } from './submit-verdict.command';

/** POST /v1/claims/{id}/verdict/submit: the draft goes to review. */
@VerdictRoutes()
export class SubmitVerdictController extends ClaimCommandRoute {
  @Post('submit')
  @HttpCode(200)
  @Requires('verdict.submit')
  @ApiOperation({ summary: 'Submit the draft for review (fact-checker)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; no draft, or already submitted`],
    [422, '`verdict_needs_source`: the draft has no source'],
  )
  submit(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new SubmitVerdictCommand({ claimId }, context));
  }
}
