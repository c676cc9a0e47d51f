import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  CORPUS_IMPORTER,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from '@marginalia/editorial';
import { MARGINALIA_CONFIG } from '@marginalia/platform';

/**
 * With SEED_CORPUS (the default), the server imports the corpus when it starts: the first start
 * imports all five articles, later starts find them imported and append nothing.
 */
@Injectable()
export class CorpusSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Corpus');

  constructor(
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedCorpus) return;
    const requestId = randomUUID();
    const results: ImportedCorpusArticle[] = await this.commands.execute(
      new ImportCorpusCommand(
        { directory: this.config.corpusDir },
        { actor: CORPUS_IMPORTER, correlationId: requestId, causationId: requestId },
      ),
    );
    const imported = results.filter((result) => result.outcome === 'imported');
    this.logger.log(
      imported.length > 0
        ? `Imported ${imported.length} corpus articles from ${this.config.corpusDir}`
        : `The ${results.length} corpus articles are already imported`,
    );
  }
}
