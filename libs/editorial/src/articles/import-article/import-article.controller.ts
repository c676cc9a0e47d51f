import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Article, currentRevision, findRevision } from '@marginalia/domain';
import {
  Articles,
  type CommandContext,
  type CommandResult,
  ImportArticleCommand,
  ReviseArticleCommand,
} from '@marginalia/editorial';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  ProblemException,
  Created,
  ResourceIdPipe,
} from '@marginalia/http';
import { BodyLimit } from '../http/json-body.interceptor';
import { ARTICLE_BODY_LIMIT } from '../http/json-body';
import { ArticleTextQuery } from './article-text.query.dto';
import { ArticleTextResponse } from './article-text.response.dto';
import { ArticleResponse, articleResponse } from './article.response.dto';
import { ImportArticleRequest } from './import-article.request.dto';
import { ReviseArticleRequest } from './revise-article.request.dto';

const CREATED_HEADERS = {
  Location: { description: 'The new resource', schema: { type: 'string' } },
  ETag: { description: 'The article’s version, for If-Match', schema: { type: 'string' } },
};

@ApiTags('articles')
@ApiAuthenticated()
@Controller('v1/articles')
export class ArticlesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly articles: Articles,
  ) {}

  @Post()
  @Requires('article.import')
  @BodyLimit(ARTICLE_BODY_LIMIT)
  @Created((article: ArticleResponse) => `/v1/articles/${article.id}`)
  @ApiOperation({ summary: 'Import an article from a raw capture (editor)' })
  @ApiCreatedResponse({ type: ArticleResponse, headers: CREATED_HEADERS })
  @ApiIdempotent()
  @ApiProblems(400, 403, [409, '`article_exists`, with the existing `articleId`'], 413, 415, 422)
  async import(
    @Body() body: ImportArticleRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ArticleResponse> {
    const { source } = body;
    const result: CommandResult<Article | null> = await this.commands.execute(
      new ImportArticleCommand(
        {
          title: body.title,
          language: body.language,
          format: body.format,
          content: body.content,
          source: {
            url: source.url ?? null,
            publisher: source.publisher ?? null,
            publishedAt: source.publishedAt ?? null,
          },
          externalId: body.externalId ?? null,
        },
        context,
      ),
    );
    return answer(result);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An article’s metadata, current revision and version' })
  @ApiOkResponse({ type: ArticleResponse, headers: { ETag: CREATED_HEADERS.ETag } })
  @ApiProblems(404)
  async get(@Param('id', ResourceIdPipe) id: string): Promise<ArticleResponse> {
    const { article, version } = await this.articles.get(id);
    return articleResponse(article, version);
  }

  @Get(':id/text')
  @ApiOperation({ summary: 'The text of a revision (the current one by default)' })
  @ApiOkResponse({ type: ArticleTextResponse })
  @ApiProblems(400, 404)
  async text(
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: ArticleTextQuery,
  ): Promise<ArticleTextResponse> {
    const { article } = await this.articles.get(id);
    const revision =
      query.revision === undefined
        ? currentRevision(article)
        : findRevision(article, query.revision);
    if (!revision) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not_found',
        `Article ${id} has no revision ${query.revision}`,
      );
    }
    return { revision: revision.revision, text: revision.text, textSha256: revision.textSha256 };
  }

  @Post(':id/revisions')
  @Requires('article.revise')
  @BodyLimit(ARTICLE_BODY_LIMIT)
  @Created(
    (article: ArticleResponse) => `/v1/articles/${article.id}/text?revision=${article.revision}`,
  )
  @ApiOperation({ summary: 'Re-import the source as a new revision (editor); answers the article' })
  @ApiCreatedResponse({ type: ArticleResponse, headers: CREATED_HEADERS })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiProblems(
    400,
    403,
    404,
    [409, '`invalid_transition`: the article was withdrawn; `version_conflict`'],
    413,
    415,
    [422, '`revision_unchanged`, `invalid_unicode`, `invalid_front_matter`, `capture_too_complex`'],
  )
  async revise(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: ReviseArticleRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ArticleResponse> {
    const result: CommandResult<Article | null> = await this.commands.execute(
      new ReviseArticleCommand(
        { articleId: id, content: body.content, format: body.format ?? null, reason: body.reason },
        context,
      ),
    );
    return answer(result);
  }
}

/** A command's resulting state; an article command that succeeded always leaves an article. */
function answer({ state, version }: CommandResult<Article | null>): ArticleResponse {
  if (!state || version === undefined) throw new Error('The command left no article');
  return articleResponse(state, version);
}
