import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Claim } from '@marginalia/domain';
import {
  AssignClaimCommand,
  type CommandContext,
  type CommandResult,
  EditClaimCommand,
  ReanchorClaimCommand,
  WithdrawClaimCommand,
} from '@marginalia/editorial';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  validationFailed,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { AssignClaimRequest } from './assign-claim.request.dto';
import { ClaimAnswers } from './claim-answers';
import { CLAIM_REVIEW_CONTENT_TYPE, ClaimReviewResponse } from './claim-review.response.dto';
import { ETAG_HEADER, SPAN_REFUSALS, WITHDRAWN_OR_STATE } from './claim-api-docs';
import { ClaimPageResponse, ClaimResponse } from './claim.response.dto';
import { ClaimsQuery } from './claims.query.dto';
import { EDIT_FIELDS, EditClaimRequest } from './edit-claim.request.dto';
import { WithdrawClaimRequest } from './reason.request.dto';

@ApiTags('claims')
@ApiAuthenticated()
@Controller('v1/claims')
export class ClaimsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Claims, filtered and paged in order of capture' })
  @ApiOkResponse({ type: ClaimPageResponse })
  @ApiProblems(400)
  list(@Query() query: ClaimsQuery): Promise<ClaimPageResponse> {
    const { limit, cursor, ...filter } = query;
    return this.claims.list(filter, { limit, cursor });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A claim with its anchor, status, draft, published verdict and history',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(404)
  get(@Param('id', ResourceIdPipe) id: string): Promise<ClaimResponse> {
    return this.claims.get(id);
  }

  @Patch(':id')
  @Requires('claim.edit')
  @ApiOperation({
    summary: 'Edit the statement, claimant or topics, or re-anchor by hand (editor, fact-checker)',
    description:
      'Either `statement`/`claimant`/`topics`, or `selector` (+ `revision`) to re-anchor the ' +
      'claim by hand (method `manual`); both kinds in one PATCH are 400 `validation_failed`. ' +
      'Accepts application/json and application/merge-patch+json.',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiIfMatch(true)
  @ApiProblems(
    400,
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; a re-anchoring to a revision older than the claim’s`],
    413,
    415,
    [422, SPAN_REFUSALS],
  )
  async edit(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: EditClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(
      body.selector !== undefined
        ? new ReanchorClaimCommand(
            {
              claimId,
              selector: selectorOf(body.selector),
              ...(body.revision !== undefined ? { revision: body.revision } : {}),
            },
            context,
          )
        : new EditClaimCommand({ claimId, ...editsOf(body) }, context),
    );
    return this.claims.after(result);
  }

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

  @Get(':id/claim-review')
  @Header('Content-Type', CLAIM_REVIEW_CONTENT_TYPE)
  @ApiOperation({ summary: 'schema.org ClaimReview (JSON-LD) of the published verdict' })
  @ApiProduces(CLAIM_REVIEW_CONTENT_TYPE)
  @ApiOkResponse({ type: ClaimReviewResponse })
  @ApiProblems([404, '`not_found`: no such claim, or no published verdict'])
  claimReview(@Param('id', ResourceIdPipe) id: string): Promise<ClaimReviewResponse> {
    return this.claims.claimReview(id);
  }
}

/** The description fields a PATCH sent; at least one, or it changes nothing. */
function editsOf(body: EditClaimRequest) {
  const edits = Object.fromEntries(
    EDIT_FIELDS.filter((field) => body[field] !== undefined).map((field) => [field, body[field]]),
  ) as Pick<EditClaimRequest, (typeof EDIT_FIELDS)[number]>;
  if (Object.keys(edits).length === 0) {
    throw validationFailed('The PATCH changes nothing', [
      {
        field: '(body)',
        message: 'send statement, claimant or topics, or a selector (with a revision)',
      },
    ]);
  }
  return edits;
}
