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
import { RetractVerdictCommand } from './retract-verdict.command';
import { RetractVerdictRequest } from './retract-verdict.request.dto';

/** POST /v1/claims/{id}/verdict/retract: the published verdict is withdrawn, with a reason. */
@ApiTags('verdicts')
@ApiAuthenticated()
@ApiIdempotent()
@ApiIfMatch()
@Controller('v1/claims/:id/verdict')
export class RetractVerdictController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Post('retract')
  @HttpCode(200)
  @Requires('verdict.retract')
  @ApiOperation({ summary: 'Withdraw the published verdict, with a reason (standards editor)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(400, 403, 404, [409, `${WITHDRAWN_OR_STATE}; no published verdict`], 413, 415)
  async retract(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: RetractVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new RetractVerdictCommand({ claimId, reason: body.reason }, context),
    );
    return this.claims.after(result);
  }
}
