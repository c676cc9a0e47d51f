import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelQueries } from '@marginalia/read-models';
import { ApiAuthenticated, ApiProblems, PageQuery } from '@marginalia/http';
import { ArticlePageResponse, articleSummary } from './article-summary.response.dto';

@ApiTags('articles')
@ApiAuthenticated()
@Controller('v1/articles')
export class ArticleListController {
  constructor(private readonly queries: ReadModelQueries) {}

  @Get()
  @ApiOperation({ summary: 'Articles in order of import, with their open claims and corrections' })
  @ApiOkResponse({ type: ArticlePageResponse })
  @ApiProblems(400)
  list(@Query() query: PageQuery): ArticlePageResponse {
    const { items, nextCursor } = this.queries.articles(query);
    return { items: items.map(articleSummary), nextCursor };
  }
}
