import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Correction } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { RejectCorrectionCommand } from '../../corrections/reject-correction/reject-correction.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { CorrectionAnswers } from '../correction-answers';
import { ETAG_HEADER, TRANSITION } from '../correction-api-docs';
import { CorrectionReasonRequest } from '../correction-reason.request.dto';
import { CorrectionResponse } from '../correction.response.dto';

/** POST /v1/corrections/{id}/reject: a standards editor rejects the correction, with a reason. */
/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class RejectCorrectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

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
    const result: CommandResult<Correction | null> = await this.commands.execute(
      new RejectCorrectionCommand({ correctionId, reason: body.reason }, context),
    );
    return this.answers.after(result);
  }
}
