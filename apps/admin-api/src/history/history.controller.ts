import {
  applyDecorators,
  Controller,
  Get,
  HttpStatus,
  Param,
  Query,
  type StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type HistoryFilter, Projector, ReadModelQueries } from '@marginalia/read-models';
import {
  RolesAllowed,
  ApiAuthenticated,
  ApiProblems,
  ProblemException,
  validationFailed,
  ResourceIdPipe,
} from '@marginalia/http';
import { HistoryPageResponse } from './history-entry.response.dto';
import { historyExport } from './history-export';
import { HistoryQuery } from './history.query.dto';

const HISTORY_ROLES = ['auditor', 'standards_editor', 'admin'] as const;

/** A history route: its roles, forms and refusals. */
const HistoryRoute = (summary: string) =>
  applyDecorators(
    RolesAllowed(...HISTORY_ROLES),
    ApiOperation({
      summary,
      description:
        'Every event in log order, filtered by `type`, `actor`, `from`, `to`. `format=json` ' +
        '(default) pages like every list; `jsonl` and `csv` stream every matching entry.',
    }),
    ApiProduces('application/json', 'application/x-ndjson', 'text/csv'),
    ApiOkResponse({ type: HistoryPageResponse }),
    ApiProblems(400, 403, 404),
  );

/** The audit histories of SPEC §6: auditors, standards editors and admins read them. */
@ApiTags('histories')
@ApiAuthenticated()
@Controller('v1')
export class HistoryController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly projector: Projector,
  ) {}

  @Get('articles/:id/history')
  @HistoryRoute('Every event of an article and of its claims and corrections')
  article(@Param('id', ResourceIdPipe) id: string, @Query() query: HistoryQuery) {
    if (!this.queries.article(id)) throw notFound('article', id);
    return this.history({ articleId: id }, query, `article-${id}-history`);
  }

  @Get('claims/:id/history')
  @HistoryRoute('Every event of one claim and its verdicts')
  claim(@Param('id', ResourceIdPipe) id: string, @Query() query: HistoryQuery) {
    if (!this.queries.claim(id)) throw notFound('claim', id);
    return this.history({ annotationId: id }, query, `claim-${id}-history`);
  }

  @Get('corrections/:id/history')
  @HistoryRoute('Every event of one correction')
  correction(@Param('id', ResourceIdPipe) id: string, @Query() query: HistoryQuery) {
    if (!this.queries.correction(id)) throw notFound('correction', id);
    return this.history({ annotationId: id }, query, `correction-${id}-history`);
  }

  private history(
    scope: HistoryFilter,
    query: HistoryQuery,
    name: string,
  ): HistoryPageResponse | StreamableFile {
    const { type, actor, from, to, format = 'json', limit, cursor } = query;
    const filter: HistoryFilter = { ...scope, types: type, actor, from, to };
    if (format === 'json') return this.queries.history(filter, { limit, cursor });
    if (limit !== undefined || cursor !== undefined) {
      const field = limit !== undefined ? 'limit' : 'cursor';
      throw validationFailed(`${field} pages format=json; format=${format} holds every entry`, [
        { field, message: `applies to format=json only` },
      ]);
    }
    return historyExport(this.queries, filter, { until: this.projector.checkpoint, format, name });
  }
}

function notFound(kind: string, id: string): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, 'not_found', `No ${kind} ${id}`);
}
