import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Article } from '@marginalia/domain';
import { type CommandResult } from '../../shared/aggregate-store';
import { type CommandContext } from '../../shared/command-context';
import { ReviseArticleCommand } from './revise-article.command';
import {
  Requires,
  ApiAuthenticated,
  ApiIdempotent,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  Created,
  ResourceIdPipe,
} from '@marginalia/http';
import { ARTICLE_BODY_LIMIT, BodyLimit } from '@marginalia/http';
import { ARTICLE_HEADERS, ArticleResponse, articleAnswer } from '../article.response.dto';
import { ReviseArticleRequest } from './revise-article.request.dto';

/** POST /v1/articles/{id}/revisions: an editor re-imports the source as a new revision. */
@ApiTags('articles')
@ApiAuthenticated()
@Controller('v1/articles')
export class ReviseArticleController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/revisions')
  @Requires('article.revise')
  @BodyLimit(ARTICLE_BODY_LIMIT)
  @Created(
    (article: ArticleResponse) => `/v1/articles/${article.id}/text?revision=${article.revision}`,
  )
  @ApiOperation({ summary: 'Re-import the source as a new revision (editor); answers the article' })
  @ApiCreatedResponse({ type: ArticleResponse, headers: ARTICLE_HEADERS })
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
    return articleAnswer(result);
  }
}
