import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Article, articleDecider, decideArticle, streams } from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { TextDerivation } from '../../shared/text-derivation';
import { ReviseArticleCommand } from './revise-article.command';

@CommandHandler(ReviseArticleCommand)
export class ReviseArticleHandler implements ICommandHandler<ReviseArticleCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    private readonly texts: TextDerivation,
  ) {}

  async execute({ input, context }: ReviseArticleCommand): Promise<CommandResult<Article | null>> {
    const streamId = streams.article(input.articleId);
    // The capture is read in its own format, else in the article's: derived before the decision,
    // from the folded article kept between commands rather than a second fold of its stream.
    const { article } = await this.articles.get(input.articleId);
    const format = input.format ?? article.format;
    const derived = await this.texts.derive({ format, content: input.content });
    return this.aggregates.execute(
      articleDecider,
      streamId,
      (state) => {
        const sameFormat = state && (input.format ?? state.format) === format;
        return decideArticle(
          {
            type: 'ReviseArticle',
            ...input,
            derived: sameFormat ? derived : undefined,
            actor: context.actor,
          },
          state,
        );
      },
      { ...context, reason: input.reason },
    );
  }
}
