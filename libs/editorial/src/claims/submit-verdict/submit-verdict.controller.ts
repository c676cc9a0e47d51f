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
import { SubmitVerdictCommand } from './submit-verdict.command';

/** POST /v1/claims/{id}/verdict/submit: the draft goes to review. */
@ApiTags('verdicts')
@ApiAuthenticated()
@ApiIdempotent()
@ApiIfMatch()
@Controller('v1/claims/:id/verdict')
export class SubmitVerdictController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Post('submit')
  @HttpCode(200)
  @Requires('verdict.submit')
  @ApiOperation({ summary: 'Submit the draft for review (fact-checker)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; no draft, or already submitted`],
    [422, '`verdict_needs_source`: the draft has no source'],
  )
  async submit(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new SubmitVerdictCommand({ claimId }, context),
    );
    return this.claims.after(result);
  }
}
