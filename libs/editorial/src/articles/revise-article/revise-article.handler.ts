import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Article, articleDecider, decideArticle, streams } from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { ReviseArticleCommand } from './revise-article.command';

@CommandHandler(ReviseArticleCommand)
export class ReviseArticleHandler implements ICommandHandler<ReviseArticleCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ input, context }: ReviseArticleCommand): Promise<CommandResult<Article | null>> {
    return this.aggregates.execute(
      articleDecider,
      streams.article(input.articleId),
      (state) => decideArticle({ type: 'ReviseArticle', ...input, actor: context.actor }, state),
      { ...context, reason: input.reason },
    );
  }
}
