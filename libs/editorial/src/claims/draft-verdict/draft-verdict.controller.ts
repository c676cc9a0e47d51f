import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Claim, type VerdictSource } from '@marginalia/domain';
import {
  ApproveVerdictCommand,
  type CommandContext,
  type CommandResult,
  DraftVerdictCommand,
  type EditorialCommand,
  RejectVerdictCommand,
  RetractVerdictCommand,
  SubmitVerdictCommand,
} from '@marginalia/editorial';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { ClaimAnswers } from './claim-answers';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from './claim-api-docs';
import { ClaimResponse } from './claim.response.dto';
import { DraftVerdictRequest, type VerdictSourceRequest } from './draft-verdict.request.dto';
import { RejectVerdictRequest, RetractVerdictRequest } from './reason.request.dto';

/** The verdict's workflow on a claim (SPEC §5); every step answers the claim. */
@ApiTags('verdicts')
@ApiAuthenticated()
@ApiIdempotent()
@ApiIfMatch()
@Controller('v1/claims/:id/verdict')
export class VerdictsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Post()
  @HttpCode(200)
  @Requires('verdict.draft')
  @ApiOperation({ summary: 'Draft the verdict, or replace the draft (fact-checker)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(
    [400, '`validation_failed`: e.g. a rating not on the scale, a summary over 280 characters'],
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; the verdict is under review`],
    413,
    415,
  )
  async draft(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: DraftVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.run(
      new DraftVerdictCommand(
        {
          claimId,
          rating: body.rating,
          summary: body.summary,
          rationale: body.rationale ?? null,
          sources: body.sources.map(sourceOf),
        },
        context,
      ),
    );
  }

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
  submit(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.run(new SubmitVerdictCommand({ claimId }, context));
  }

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
  approve(
    @Param('id', ResourceIdPipe) claimId: string,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.run(new ApproveVerdictCommand({ claimId }, context));
  }

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
    return this.run(new RejectVerdictCommand({ claimId, reason: body.reason }, context));
  }

  @Post('retract')
  @HttpCode(200)
  @Requires('verdict.retract')
  @ApiOperation({ summary: 'Withdraw the published verdict, with a reason (standards editor)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(400, 403, 404, [409, `${WITHDRAWN_OR_STATE}; no published verdict`], 413, 415)
  retract(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: RetractVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.run(new RetractVerdictCommand({ claimId, reason: body.reason }, context));
  }

  private async run(command: EditorialCommand<{ claimId: string }>): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(command);
    return this.claims.after(result);
  }
}

function sourceOf({ url, title, quote, accessedAt }: VerdictSourceRequest): VerdictSource {
  return { url, title, ...(quote !== undefined ? { quote } : {}), accessedAt };
}
