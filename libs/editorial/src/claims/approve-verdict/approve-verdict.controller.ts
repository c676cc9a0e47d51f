import { HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, VerdictRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Requires, ApiProblems, RequestContext, ResourceIdPipe } from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { ApproveVerdictCommand } from './approve-verdict.command';

/** POST /v1/claims/{id}/verdict/approve: a standards editor who did not draft it publishes the verdict. */
@VerdictRoutes()
export class ApproveVerdictController extends ClaimCommandRoute {
  @Post('approve')
  @HttpCode(200)
  @Requires('verdict.approve')
  @ApiOperation({
    summary: 'Approve and publish the submitted verdict (standards editor who did not draft it)',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(403, 404, [
    409,
    `${WITHDRAWN_OR_STATE}; nothing submitted; \`self_approval_forbidden\`: you drafted it`,
  ])
  approve(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new ApproveVerdictCommand({ claimId }, context));
  }
}
