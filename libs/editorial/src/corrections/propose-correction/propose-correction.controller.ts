import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Correction } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '../../shared/command-context';
import { ProposeCorrectionCommand } from '../../corrections/propose-correction/propose-correction.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { CorrectionAnswers } from '../correction-answers';
import { ETAG_HEADER } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';
import { ProposeCorrectionRequest } from './propose-correction.request.dto';

/** POST /v1/articles/{id}/corrections: an editor proposes a correction of a span, or an editor’s note. */
/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class ProposeCorrectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

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
  async propose(
    @Param('id', ResourceIdPipe) articleId: string,
    @Body() body: ProposeCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result: CommandResult<Correction | null> = await this.commands.execute(
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
    return this.answers.after(result);
  }
}
