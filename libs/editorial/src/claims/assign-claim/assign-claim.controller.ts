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
import { AssignClaimCommand } from './assign-claim.command';
import { AssignClaimRequest } from './assign-claim.request.dto';

/** POST /v1/claims/{id}/assignment: who checks the claim. */
@ClaimRoutes()
export class AssignClaimController extends ClaimCommandRoute {
  @Post(':id/assignment')
  @HttpCode(200)
  @Requires('claim.assign')
  @ApiOperation({
    summary: 'Assign the claim (editor; a fact-checker takes an unassigned claim for themselves)',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(
    400,
    [403, '`forbidden`: not your role, or a fact-checker naming someone else'],
    404,
    [409, WITHDRAWN_OR_STATE],
    413,
    415,
  )
  assign(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: AssignClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(new AssignClaimCommand({ claimId, assignee: body.assignee }, context));
  }
}
