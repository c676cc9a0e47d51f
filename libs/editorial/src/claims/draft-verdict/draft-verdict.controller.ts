import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ClaimCommandRoute, VerdictRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type VerdictSource } from '@marginalia/domain';
import { Requires, ApiProblems, RequestContext, ResourceIdPipe } from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { DraftVerdictCommand } from './draft-verdict.command';
import { DraftVerdictRequest, type VerdictSourceRequest } from './draft-verdict.request.dto';

/** POST /v1/claims/{id}/verdict: draft the verdict, or replace the draft. */
@VerdictRoutes()
export class DraftVerdictController extends ClaimCommandRoute {
  @Post()
  @HttpCode(200)
  @Requires('verdict.draft')
  @ApiOperation({ summary: 'Draft the verdict, or replace the draft (fact-checker)' })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiProblems(
    [400, '`validation_failed`: e.g. a rating not on the scale, a summary over 280 characters'],
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; the verdict is under review`],
    413,
    415,
  )
  draft(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: DraftVerdictRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(
      new DraftVerdictCommand(
        {
          claimId,
          rating: body.rating,
          summary: body.summary,
          rationale: body.rationale ?? null,
          sources: body.sources.map(sourceOf),
        },
        context,
      ),
    );
  }
}

function sourceOf({ url, title, quote, accessedAt }: VerdictSourceRequest): VerdictSource {
  return { url, title, ...(quote !== undefined ? { quote } : {}), accessedAt };
}
