import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, ClaimRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  Requires,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { WithdrawClaimCommand } from './withdraw-claim.command';
import { WithdrawClaimRequest } from './withdraw-claim.request.dto';

/** POST /v1/claims/{id}/withdrawal: the claim leaves the desk, with a reason. */
@ClaimRoutes()
export class WithdrawClaimController extends ClaimCommandRoute {
  @Post(':id/withdrawal')
  @HttpCode(200)
  @Requires('claim.withdraw')
  @ApiOperation({ summary: 'Withdraw a claim that has no published verdict (editor)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(
    400,
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; a published verdict stands (retract it first)`],
    413,
    415,
  )
  withdraw(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: WithdrawClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new WithdrawClaimCommand({ claimId, reason: body.reason }, context));
  }
}
