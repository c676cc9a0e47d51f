import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Correction } from '@marginalia/domain';
import {
  AmendCorrectionCommand,
  ApproveCorrectionCommand,
  type CommandContext,
  type CommandResult,
  ProposeCorrectionCommand,
  RejectCorrectionCommand,
  WithdrawCorrectionCommand,
} from '@marginalia/editorial';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
  selectorOf,
  etagHeader,
} from '@marginalia/http';
import { AmendCorrectionRequest } from './amend-correction.request.dto';
import { CorrectionAnswers } from './correction-answers';
import { CorrectionReasonRequest } from './correction-reason.request.dto';
import { CorrectionResponse } from './correction.response.dto';
import { CorrectionPageResponse } from './correction-page.response.dto';
import { CorrectionsQuery } from './corrections.query.dto';
import { ProposeCorrectionRequest } from './propose-correction.request.dto';

const ETAG_HEADER = etagHeader('correction');
const TRANSITION = [
  409,
  '`invalid_transition`: the workflow does not allow it from this state',
] as [number, string];

/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class CorrectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

  @Post('articles/:id/corrections')
  @Requires('correction.propose')
  @Created((correction: CorrectionResponse) => `/v1/corrections/${correction.id}`)
  @ApiOperation({ summary: 'Propose a correction of a span, or an editor’s note (editor)' })
  @ApiCreatedResponse({
    type: CorrectionResponse,
    headers: {
      Location: { description: 'The new correction', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiIdempotent()
  @ApiProblems(400, 403, 404, [409, '`invalid_transition`: the article was withdrawn'], 413, 415, [
    422,
    '`quote_not_found`, `quote_ambiguous`, `revision_not_found`, `invalid_unicode`, …',
  ])
  async propose(
    @Param('id', ResourceIdPipe) articleId: string,
    @Body() body: ProposeCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result = await this.execute(
      new ProposeCorrectionCommand(
        {
          articleId,
          ...(body.revision !== undefined && body.revision !== null
            ? { revision: body.revision }
            : {}),
          ...(body.selector ? { selector: selectorOf(body.selector) } : {}),
          kind: body.kind,
          replacement: body.replacement ?? null,
          notice: body.notice,
          claimId: body.claimId ?? null,
        },
        context,
      ),
    );
    return this.answers.after(result);
  }

  @Get('corrections')
  @ApiOperation({
    summary: 'Corrections, filtered by article, status and kind, in order of proposal',
  })
  @ApiOkResponse({ type: CorrectionPageResponse })
  @ApiProblems(400)
  list(@Query() query: CorrectionsQuery): Promise<CorrectionPageResponse> {
    const { articleId, status, kind, limit, cursor } = query;
    return this.answers.list({ articleId, status, kind }, { limit, cursor });
  }

  @Get('corrections/:id')
  @ApiOperation({ summary: 'A correction with its anchor, status and publication' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiProblems(404)
  get(@Param('id', ResourceIdPipe) id: string): Promise<CorrectionResponse> {
    return this.answers.get(id);
  }

  @Patch('corrections/:id')
  @Requires('correction.amend')
  @ApiOperation({
    summary: 'Amend a proposal: its span, replacement or notice (editor)',
    description:
      '`application/json` or `application/merge-patch+json`; fields left out stay as they are, ' +
      '`replacement: null` leaves only the notice. An amendment returns the correction to ' +
      '`proposed`, and its author may not approve it.',
  })
  @ApiConsumes('application/json', 'application/merge-patch+json')
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIfMatch(true)
  @ApiProblems(400, 403, 404, TRANSITION, 413, 415, 422)
  async amend(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: AmendCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result = await this.execute(
      new AmendCorrectionCommand(
        {
          correctionId,
          ...(body.selector ? { selector: selectorOf(body.selector) } : {}),
          ...(body.revision !== undefined ? { revision: body.revision } : {}),
          ...(body.replacement !== undefined ? { replacement: body.replacement } : {}),
          ...(body.notice !== undefined ? { notice: body.notice } : {}),
        },
        context,
      ),
    );
    return this.answers.after(result);
  }

  @Post('corrections/:id/approve')
  @HttpCode(200)
  @Requires('correction.approve')
  @ApiOperation({
    summary: 'Approve a correction (standards editor); its publication follows',
    description:
      'Answers the correction once the same server has published it (a new revision when it ' +
      'has a replacement): `published` with `publishedRevision`. When publication takes longer ' +
      'than the bounded wait, it answers `approved`, and publication follows.',
  })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(400, 403, 404, [
    409,
    '`self_approval_forbidden` (you proposed or amended it), `correction_orphaned` (amend ' +
      'its span first), `invalid_transition`',
  ])
  async approve(
    @Param('id', ResourceIdPipe) correctionId: string,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result = await this.execute(new ApproveCorrectionCommand({ correctionId }, context));
    return this.answers.after(result, { followOn: true });
  }

  @Post('corrections/:id/reject')
  @HttpCode(200)
  @Requires('correction.reject')
  @ApiOperation({ summary: 'Reject a proposed correction, with a reason (standards editor)' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(400, 403, 404, TRANSITION, 413, 415)
  async reject(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: CorrectionReasonRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result = await this.execute(
      new RejectCorrectionCommand({ correctionId, reason: body.reason }, context),
    );
    return this.answers.after(result);
  }

  @Post('corrections/:id/withdrawal')
  @HttpCode(200)
  @Requires('correction.withdraw')
  @ApiOperation({ summary: 'Withdraw a correction not yet published, with a reason (editor)' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(400, 403, 404, TRANSITION, 413, 415)
  async withdraw(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: CorrectionReasonRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result = await this.execute(
      new WithdrawCorrectionCommand({ correctionId, reason: body.reason }, context),
    );
    return this.answers.after(result);
  }

  private execute(command: object): Promise<CommandResult<Correction | null>> {
    return this.commands.execute(command);
  }
}
