import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { type MarginaliaConfig } from '@marginalia/config';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { type AnnotatedView, renderViewHtml } from '@marginalia/projections';
import { type Cut, ReadModelQueries, Replay } from '@marginalia/read-models';
import {
  ApiAuthenticated,
  ApiProblems,
  ProblemException,
  validationFailed,
  ResourceIdPipe,
} from '@marginalia/http';
import { AnnotatedViewResponse } from './annotated-view.response.dto';
import { AnnotatedViewQuery } from './annotated-view.query.dto';

/** The annotated view (SPEC §6): live from the read models, or replayed from the log. */
@ApiTags('views')
@ApiAuthenticated()
@Controller('v1/articles')
export class AnnotatedViewController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly replay: Replay,
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
  ) {}

  /**
   * The JSON of the views `ReadModelQueries.cachedView` serves again (the same object while
   * its rows are unchanged): serializing a view of a thousand annotations costs more than
   * rendering it. Kept as long as the view object lives.
   */
  private readonly json = new WeakMap<AnnotatedView, Buffer>();

  @Get(':id/view')
  @ApiOperation({
    summary: 'The annotated view of the current revision, or as it stood at `at` or `asOf`',
    description:
      'JSON by default; `Accept: text/html` answers the same view as an HTML page with marked ' +
      'spans, each published rating at its claim, in the article’s language (Chinese or ' +
      'English). A replay is built by the same projection code from the log up to that point.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: AnnotatedViewResponse })
  @ApiProblems(
    [400, '`validation_failed`: a malformed `at` or `asOf`, or both'],
    [404, '`not_found`: no such article, or none yet at that point of the log'],
  )
  async view(
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: AnnotatedViewQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | string> {
    const cut = cutOf(query);
    const view = cut ? await this.replay.viewAsOf(id, cut) : this.queries.cachedView(id);
    if (!view) throw notFound(id, query);
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.type('text/html; charset=utf-8');
      // Language, publisher and publication date are the import's, the same in every replay.
      const article = this.queries.article(id);
      return renderViewHtml(view, {
        language: article?.language,
        publishedAt: article?.publishedAt,
        publisher: article?.source.publisher,
        ratingScale: this.config.ratingScale,
        replayed:
          query.at !== undefined
            ? { at: query.at }
            : query.asOf !== undefined
              ? { asOf: query.asOf }
              : undefined,
      });
    }
    let json = this.json.get(view);
    if (!json) {
      json = Buffer.from(JSON.stringify(view satisfies AnnotatedViewResponse));
      if (!cut) this.json.set(view, json);
    }
    return new StreamableFile(json, {
      type: 'application/json; charset=utf-8',
      length: json.length,
    });
  }
}

function cutOf({ at, asOf }: AnnotatedViewQuery): Cut | undefined {
  if (at !== undefined && asOf !== undefined) {
    throw validationFailed('Give at or asOf, not both', [
      { field: 'asOf', message: 'cannot be combined with at' },
    ]);
  }
  if (at !== undefined) return { position: at };
  if (asOf === undefined) return undefined;
  const instant = Date.parse(asOf);
  if (Number.isNaN(instant)) {
    throw validationFailed('asOf is not a valid time', [
      { field: 'asOf', message: 'is not a valid time' },
    ]);
  }
  return { instant: new Date(instant) };
}

function notFound(id: string, { at, asOf }: AnnotatedViewQuery): ProblemException {
  const when = at !== undefined ? ` at position ${at}` : asOf !== undefined ? ` as of ${asOf}` : '';
  return new ProblemException(HttpStatus.NOT_FOUND, 'not_found', `No article ${id}${when}`);
}
