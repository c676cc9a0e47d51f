import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Claim } from '@marginalia/domain';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { type CommandResult } from '../../shared/aggregate-store';
import { type CommandContext } from '../../shared/command-context';
import { ClaimAnswers } from '../claim-answers';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { AssignClaimCommand } from './assign-claim.command';
import { AssignClaimRequest } from './assign-claim.request.dto';

/** POST /v1/claims/{id}/assignment: who checks the claim. */
@ApiTags('claims')
@ApiAuthenticated()
@Controller('v1/claims')
export class AssignClaimController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

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
  async assign(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: AssignClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new AssignClaimCommand({ claimId, assignee: body.assignee }, context),
    );
    return this.claims.after(result);
  }
}
