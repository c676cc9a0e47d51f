import { type INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  CORPUS_IMPORTER,
  ImportCorpusCommand,
  type ImportedCorpusArticle,
} from '@marginalia/editorial';

/** Imports every article of the corpus manifest that is not imported yet. */
export async function importCorpus(
  app: INestApplicationContext,
  config: MarginaliaConfig,
): Promise<ImportedCorpusArticle[]> {
  const requestId = randomUUID();
  return app
    .get(CommandBus)
    .execute(
      new ImportCorpusCommand(
        { directory: config.corpusDir },
        { actor: CORPUS_IMPORTER, correlationId: requestId, causationId: requestId },
      ),
    );
}
