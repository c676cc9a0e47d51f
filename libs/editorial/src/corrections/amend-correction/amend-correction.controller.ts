import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Correction } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AmendCorrectionCommand } from '../../corrections/amend-correction/amend-correction.command';
import { type CommandContext } from '../../shared/command-context';
import {
  Requires,
  ApiAuthenticated,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { AmendCorrectionRequest } from './amend-correction.request.dto';
import { CorrectionAnswers } from '../correction-answers';
import { ETAG_HEADER, TRANSITION } from '../correction-api-docs';
import { CorrectionResponse } from '../correction.response.dto';

/** PATCH /v1/corrections/{id}: the proposer amends a correction before it is decided. */
/** The corrections of SPEC §5 and §6: proposed by editors, approved by standards editors. */
@ApiTags('corrections')
@ApiAuthenticated()
@Controller('v1')
export class AmendCorrectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

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
  async amend(
    @Param('id', ResourceIdPipe) correctionId: string,
    @Body() body: AmendCorrectionRequest,
    @RequestContext() context: CommandContext,
  ): Promise<CorrectionResponse> {
    const result: CommandResult<Correction | null> = await this.commands.execute(
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
    return this.answers.after(result);
  }
}
