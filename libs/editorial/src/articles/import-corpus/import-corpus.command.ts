import type { Actor } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export interface ImportCorpusInput {
  /** The folder holding manifest.json and the captures it lists. */
  directory: string;
}

export interface ImportedCorpusArticle {
  file: string;
  articleId: string;
  title: string;
  outcome: 'imported' | 'already_imported';
}

/** The importer's identity on the events it records: a service acting as an editor. */
export const CORPUS_IMPORTER: Actor = {
  sub: 'corpus-import',
  name: 'Corpus import',
  roles: ['editor'],
};

export class ImportCorpusCommand extends CommandMessage<ImportCorpusInput> {}
