import { Body, Param, Patch } from '@nestjs/common';
import { CorrectionCommandRoute, CorrectionRoutes } from '../correction-routes';
import { ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AmendCorrectionCommand } from './amend-correction.command';
import { type CommandContext } from '../../shared/command-context';
import {
  Requires,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { AmendCorrectionRequest } from './amend-correction.request.dto';
import { ETAG_HEADER, TRANSITION } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';

/** PATCH /v1/corrections/{id}: the proposer amends a correction before it is decided. */
@CorrectionRoutes()
export class AmendCorrectionController extends CorrectionCommandRoute {
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
  amend(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: AmendCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    return this.send(
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
  }
}
