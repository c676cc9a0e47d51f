import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Correction } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApproveCorrectionCommand } from '../../corrections/approve-correction/approve-correction.command';
import { type CommandContext } from '../../shared/command-context';
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
import { ETAG_HEADER } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';

/** POST /v1/corrections/{id}/approve: a standards editor who did not propose it approves the correction, which is then published. */
/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class ApproveCorrectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

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
    const result: CommandResult<Correction | null> = await this.commands.execute(
      new ApproveCorrectionCommand({ correctionId }, context),
    );
    return this.answers.after(result, { followOn: true });
  }
}
