import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CorrectionCommandRoute, CorrectionRoutes } from '../correction-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { RejectCorrectionCommand } from './reject-correction.command';
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

/** POST /v1/corrections/{id}/reject: a standards editor rejects the correction, with a reason. */
@CorrectionRoutes()
export class RejectCorrectionController extends CorrectionCommandRoute {
  @Post('corrections/:id/reject')
  @HttpCode(200)
  @Requires('correction.reject')
  @ApiOperation({ summary: 'Reject a proposed correction, with a reason (standards editor)' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(400, 403, 404, TRANSITION, 413, 415)
  reject(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: CorrectionReasonRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    return this.send(new RejectCorrectionCommand({ correctionId, reason: body.reason }, context));
  }
}
