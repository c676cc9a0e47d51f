import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, VerdictRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Requires, ApiProblems, RequestContext, ResourceIdPipe } from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { RetractVerdictCommand } from './retract-verdict.command';
import { RetractVerdictRequest } from './retract-verdict.request.dto';

/** POST /v1/claims/{id}/verdict/retract: the published verdict is withdrawn, with a reason. */
@VerdictRoutes()
export class RetractVerdictController extends ClaimCommandRoute {
  @Post('retract')
  @HttpCode(200)
  @Requires('verdict.retract')
  @ApiOperation({ summary: 'Withdraw the published verdict, with a reason (standards editor)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(400, 403, 404, [409, `${WITHDRAWN_OR_STATE}; no published verdict`], 413, 415)
  retract(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: RetractVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new RetractVerdictCommand({ claimId, reason: body.reason }, context));
  }
}
