import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Correction } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { WithdrawCorrectionCommand } from '../../corrections/withdraw-correction/withdraw-correction.command';
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

/** POST /v1/corrections/{id}/withdrawal: the proposer withdraws the correction, with a reason. */
/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class WithdrawCorrectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

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
    const result: CommandResult<Correction | null> = await this.commands.execute(
      new WithdrawCorrectionCommand({ correctionId, reason: body.reason }, context),
    );
    return this.answers.after(result);
  }
}
