import { Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { ApproveVerdictCommand } from './approve-verdict.command';

/** POST /v1/claims/{id}/verdict/approve: a standards editor who did not draft it publishes the verdict. */
@ApiTags('verdicts')
@ApiAuthenticated()
@ApiIdempotent()
@ApiIfMatch()
@Controller('v1/claims/:id/verdict')
export class ApproveVerdictController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

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
  async approve(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new ApproveVerdictCommand({ claimId }, context),
    );
    return this.claims.after(result);
  }
}
