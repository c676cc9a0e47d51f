import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, VerdictRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Requires, ApiProblems, RequestContext, ResourceIdPipe } from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { RejectVerdictCommand } from './reject-verdict.command';
import { RejectVerdictRequest } from './reject-verdict.request.dto';

/** POST /v1/claims/{id}/verdict/reject: the submitted verdict goes back to its draft, with a reason. */
@VerdictRoutes()
export class RejectVerdictController extends ClaimCommandRoute {
  @Post('reject')
  @HttpCode(200)
  @Requires('verdict.reject')
  @ApiOperation({ summary: 'Return the submitted verdict to its draft, with a reason' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(400, 403, 404, [409, `${WITHDRAWN_OR_STATE}; nothing submitted`], 413, 415)
  reject(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: RejectVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new RejectVerdictCommand({ claimId, reason: body.reason }, context));
  }
}
