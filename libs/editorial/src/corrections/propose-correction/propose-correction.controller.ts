import { Body, Param, Post } from '@nestjs/common';
import { CorrectionCommandRoute, CorrectionRoutes } from '../correction-routes';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { ProposeCorrectionCommand } from './propose-correction.command';
import {
  Requires,
  ApiIdempotent,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { ETAG_HEADER } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';
import { ProposeCorrectionRequest } from './propose-correction.request.dto';

/** POST /v1/articles/{id}/corrections: an editor proposes a correction of a span, or an editor’s note. */
@CorrectionRoutes()
export class ProposeCorrectionController extends CorrectionCommandRoute {
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
  propose(
    @Param('id', ResourceIdPipe) articleId: string,
    @Body() body: ProposeCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    return this.send(
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
  }
}
