import { Get, Param, Query } from '@nestjs/common';
import { CorrectionRoutes } from '../correction-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblems, ResourceIdPipe } from '@marginalia/http';
import { CorrectionAnswers } from '../correction-answers';
import { ETAG_HEADER } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';
import { CorrectionPageResponse } from './correction-page.response.dto';
import { CorrectionsQuery } from './corrections.query.dto';

/** GET /v1/corrections and /v1/corrections/{id}: what the desk reads of its corrections. */
@CorrectionRoutes()
export class ReadCorrectionsController {
  constructor(private readonly answers: CorrectionAnswers) {}

  @Get('corrections')
  @ApiOperation({
    summary: 'Corrections, filtered by article, status and kind, in order of proposal',
  })
  @ApiOkResponse({ type: CorrectionPageResponse })
  @ApiProblems(400)
  list(@Query() query: CorrectionsQuery): Promise<CorrectionPageResponse> {
    const { articleId, status, kind, limit, cursor } = query;
    return this.answers.list({ articleId, status, kind }, { limit, cursor });
  }

  @Get('corrections/:id')
  @ApiOperation({ summary: 'A correction with its anchor, status and publication' })
  @ApiOkResponse({ type: CorrectionResponse, headers: ETAG_HEADER })
  @ApiProblems(404)
  get(@Param('id', ResourceIdPipe) id: string): Promise<CorrectionResponse> {
    return this.answers.get(id);
  }
}
