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
import { RejectVerdictCommand } from './reject-verdict.command';
import { RejectVerdictRequest } from './reject-verdict.request.dto';

/** POST /v1/claims/{id}/verdict/reject: the submitted verdict goes back to its draft, with a reason. */
@ApiTags('verdicts')
@ApiAuthenticated()
@ApiIdempotent()
@ApiIfMatch()
@Controller('v1/claims/:id/verdict')
export class RejectVerdictController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Post('reject')
  @HttpCode(200)
  @Requires('verdict.reject')
  @ApiOperation({ summary: 'Return the submitted verdict to its draft, with a reason' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(400, 403, 404, [409, `${WITHDRAWN_OR_STATE}; nothing submitted`], 413, 415)
  async reject(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: RejectVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new RejectVerdictCommand({ claimId, reason: body.reason }, context),
    );
    return this.claims.after(result);
  }
}
