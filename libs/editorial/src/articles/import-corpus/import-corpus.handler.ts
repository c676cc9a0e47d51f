import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@marginalia/domain';
import { articleIdFor } from '../import-article/import-article.handler';
import { ImportArticleCommand } from '../import-article/import-article.command';
import { readCapture, readManifest } from './corpus-manifest';
import {
  CORPUS_IMPORTER,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from './import-corpus.command';

/** Imports every article of the corpus manifest once; a second run finds them all imported. */
@CommandHandler(ImportCorpusCommand)
export class ImportCorpusHandler implements ICommandHandler<ImportCorpusCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ input, context }: ImportCorpusCommand): Promise<ImportedCorpusArticle[]> {
    const results: ImportedCorpusArticle[] = [];
    for (const entry of await readManifest(input.directory)) {
      const article = {
        title: entry.title,
        language: entry.language,
        format: entry.format,
        content: await readCapture(input.directory, entry),
        source: {
          url: entry.sourceUrl,
          publisher: entry.publisher,
          publishedAt: entry.publishedAt,
        },
        externalId: `corpus:${entry.file}`,
      };
      const articleId = articleIdFor(article)!;
      try {
        await this.commands.execute(
          new ImportArticleCommand(article, { ...context, actor: CORPUS_IMPORTER }),
        );
        results.push({ file: entry.file, articleId, title: entry.title, outcome: 'imported' });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'article_exists') throw error;
        results.push({
          file: entry.file,
          articleId,
          title: entry.title,
          outcome: 'already_imported',
        });
      }
    }
    return results;
  }
}
