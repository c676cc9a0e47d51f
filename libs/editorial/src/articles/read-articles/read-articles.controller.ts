import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { currentRevision, findRevision } from '@marginalia/domain';
import { Articles } from '../../shared/articles';
import { ApiAuthenticated, ApiProblems, ProblemException, ResourceIdPipe } from '@marginalia/http';
import { ArticleTextQuery } from './article-text.query.dto';
import { ArticleTextResponse } from './article-text.response.dto';
import { ARTICLE_HEADERS, ArticleResponse, articleResponse } from '../article.response.dto';

/** GET /v1/articles/{id} and its revisions’ text. */
@ApiTags('articles')
@ApiAuthenticated()
@Controller('v1/articles')
export class ReadArticlesController {
  constructor(private readonly articles: Articles) {}

  @Get(':id')
  @ApiOperation({ summary: 'An article’s metadata, current revision and version' })
  @ApiOkResponse({ type: ArticleResponse, headers: { ETag: ARTICLE_HEADERS.ETag } })
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
}
