import type { ImportArticle } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type ImportArticleInput = Omit<ImportArticle, 'type' | 'actor' | 'articleId'>;

export class ImportArticleCommand extends EditorialCommand<ImportArticleInput> {}
