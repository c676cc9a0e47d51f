import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Integrity, Rebuilder } from '@marginalia/read-models';
import { RolesAllowed, ApiAuthenticated, ApiIdempotent, ApiProblems } from '@marginalia/http';
import { IntegrityReportResponse, RebuildResponse } from './read-model-admin.dto';

/** Checks of the log and the read models, and their rebuild (SPEC §6, §8). */
@ApiTags('admin')
@ApiAuthenticated()
@Controller('v1/admin')
export class ReadModelAdminController {
  constructor(
    private readonly integrity: Integrity,
    private readonly rebuilder: Rebuilder,
  ) {}

  @Get('integrity')
  @RolesAllowed('auditor', 'admin')
  @ApiOperation({
    summary: 'Verify every hash chain and compare the read models with a fresh replay',
    description: 'Answers 200 with `ok: false` when something does not verify.',
  })
  @ApiOkResponse({ type: IntegrityReportResponse })
  @ApiProblems(403)
  check(): Promise<IntegrityReportResponse> {
    return this.integrity.check();
  }

  @Post('projections/rebuild')
  @HttpCode(200)
  @RolesAllowed('admin')
  @ApiOperation({
    summary: 'Rebuild every read model from the log (admin)',
    description:
      'Replays the log into a new file while the current one serves, then swaps them. A ' +
      'second request while one runs joins it.',
  })
  @ApiOkResponse({ type: RebuildResponse })
  @ApiIdempotent()
  @ApiProblems(403)
  rebuild(): Promise<RebuildResponse> {
    return this.rebuilder.rebuild();
  }
}
