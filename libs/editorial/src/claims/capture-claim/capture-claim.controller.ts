import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Claim } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { type CommandContext } from '../../shared/command-context';
import { CaptureClaimCommand } from './capture-claim.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { CaptureClaimRequest } from './capture-claim.request.dto';
import { ClaimAnswers } from '../claim-answers';
import { CLAIM_HEADERS, SPAN_REFUSALS } from '../claim-api-docs';
import { ClaimResponse } from '../claim.response.dto';

@ApiTags('claims')
@ApiAuthenticated()
@Controller('v1/articles')
/** POST /v1/articles/{id}/claims: capture a claim on a span of the article. */
export class CaptureClaimController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Post(':id/claims')
  @Requires('claim.capture')
  @Created((claim: ClaimResponse) => `/v1/claims/${claim.id}`)
  @ApiOperation({ summary: 'Capture a claim on a span of the article (editor, fact-checker)' })
  @ApiCreatedResponse({ type: ClaimResponse, headers: CLAIM_HEADERS })
  @ApiIdempotent()
  @ApiProblems(
    400,
    403,
    [404, '`not_found`: no such article'],
    [409, '`invalid_transition`: the article was withdrawn'],
    413,
    415,
    [422, SPAN_REFUSALS],
  )
  async capture(
    @Param('id', ResourceIdPipe) articleId: string,
    @Body() body: CaptureClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      new CaptureClaimCommand(
        {
          articleId,
          revision: body.revision ?? undefined,
          selector: selectorOf(body.selector),
          statement: body.statement ?? null,
          claimant: body.claimant ?? null,
          topics: body.topics ?? [],
        },
        context,
      ),
    );
    return this.claims.after(result);
  }
}
