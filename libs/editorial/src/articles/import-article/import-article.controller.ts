import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Article } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { type CommandContext } from '../../shared/command-context';
import { ImportArticleCommand } from './import-article.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiProblems,
  RequestContext,
  Created,
} from '@marginalia/http';
import { ARTICLE_BODY_LIMIT, BodyLimit } from '@marginalia/http';
import { ARTICLE_HEADERS, ArticleResponse, articleAnswer } from '../article.response.dto';
import { ImportArticleRequest } from './import-article.request.dto';

/** POST /v1/articles: an editor imports an article from a raw capture. */
@ApiTags('articles')
@ApiAuthenticated()
@Controller('v1/articles')
export class ImportArticleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Requires('article.import')
  @BodyLimit(ARTICLE_BODY_LIMIT)
  @Created((article: ArticleResponse) => `/v1/articles/${article.id}`)
  @ApiOperation({ summary: 'Import an article from a raw capture (editor)' })
  @ApiCreatedResponse({ type: ArticleResponse, headers: ARTICLE_HEADERS })
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
    return articleAnswer(result);
  }
}
