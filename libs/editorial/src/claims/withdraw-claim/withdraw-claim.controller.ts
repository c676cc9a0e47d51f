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
import { WithdrawClaimCommand } from './withdraw-claim.command';
import { WithdrawClaimRequest } from './withdraw-claim.request.dto';

/** POST /v1/claims/{id}/withdrawal: the claim leaves the desk, with a reason. */
@ApiTags('claims')
@ApiAuthenticated()
@Controller('v1/claims')
export class WithdrawClaimController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

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
  async withdraw(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: WithdrawClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new WithdrawClaimCommand({ claimId, reason: body.reason }, context),
    );
    return this.claims.after(result);
  }
}
