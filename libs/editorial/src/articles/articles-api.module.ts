import { Module } from '@nestjs/common';
import { ImportArticleController } from './import-article/import-article.controller';
import { ReadArticlesController } from './read-articles/read-articles.controller';
import { ReviseArticleController } from './revise-article/revise-article.controller';

/** The articles of SPEC §6, routes under /v1/articles: each use case's controller in its folder. */
@Module({
  controllers: [ImportArticleController, ReadArticlesController, ReviseArticleController],
})
export class ArticlesApiModule {}
