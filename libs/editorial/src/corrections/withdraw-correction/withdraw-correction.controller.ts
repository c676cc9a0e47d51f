import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CorrectionCommandRoute, CorrectionRoutes } from '../correction-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { WithdrawCorrectionCommand } from './withdraw-correction.command';
import {
  Requires,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { ETAG_HEADER, TRANSITION } from '../correction-api-docs';
import { CorrectionReasonRequest } from '../correction-reason.request.dto';
import { CorrectionResponse } from '../correction.response.dto';

/** POST /v1/corrections/{id}/withdrawal: the proposer withdraws the correction, with a reason. */
@CorrectionRoutes()
export class WithdrawCorrectionController extends CorrectionCommandRoute {
  @Post('corrections/:id/withdrawal')
  @HttpCode(200)
  @Requires('correction.withdraw')
  @ApiOperation({ summary: 'Withdraw a correction not yet published, with a reason (editor)' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(400, 403, 404, TRANSITION, 413, 415)
  withdraw(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: CorrectionReasonRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    return this.send(new WithdrawCorrectionCommand({ correctionId, reason: body.reason }, context));
  }
}
