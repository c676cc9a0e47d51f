import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Article, articleDecider, decideArticle, streams } from '@marginalia/domain';
import { ID_GENERATOR, type IdGenerator, nameBasedId } from '@marginalia/platform';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { newAggregateId } from '../../shared/command-context';
import { TextDerivation } from '../../shared/text-derivation';
import { ImportArticleCommand, type ImportArticleInput } from './import-article.command';

@CommandHandler(ImportArticleCommand)
export class ImportArticleHandler implements ICommandHandler<ImportArticleCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly texts: TextDerivation,
  ) {}

  async execute({ input, context }: ImportArticleCommand): Promise<CommandResult<Article | null>> {
    const articleId = articleIdFor(input) ?? newAggregateId(context, this.ids, 'article');
    const derived = await this.texts.derive(input);
    return this.aggregates.execute(
      articleDecider,
      streams.article(articleId),
      (state) =>
        decideArticle(
          { type: 'ImportArticle', articleId, ...input, derived, actor: context.actor },
          state,
        ),
      context,
    );
  }
}

/**
 * An article's id follows from its source URL (or, without one, its external id): a second
 * import of the same source lands on the same stream and is refused as `article_exists`.
 */
export function articleIdFor(
  input: Pick<ImportArticleInput, 'source' | 'externalId'>,
): string | undefined {
  if (input.source.url) return nameBasedId(`source-url:${new URL(input.source.url).href}`);
  if (input.externalId) return nameBasedId(`external-id:${input.externalId}`);
  return undefined;
}
