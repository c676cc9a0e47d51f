import { HttpCode, Param, Post } from '@nestjs/common';
import { CorrectionCommandRoute, CorrectionRoutes } from '../correction-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApproveCorrectionCommand } from './approve-correction.command';
import { type CommandContext } from '../../shared/command-context';
import {
  Requires,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
} from '@marginalia/http';
import { ETAG_HEADER } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';

/** POST /v1/corrections/{id}/approve: a standards editor who did not propose it approves the correction, which is then published. */
@CorrectionRoutes()
export class ApproveCorrectionController extends CorrectionCommandRoute {
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
  approve(
    @Param('id', ResourceIdPipe) correctionId: string,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    return this.send(new ApproveCorrectionCommand({ correctionId }, context), { followOn: true });
  }
}
