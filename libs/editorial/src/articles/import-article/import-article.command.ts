import type { ImportArticle } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type ImportArticleInput = Omit<ImportArticle, 'type' | 'actor' | 'articleId'>;

export class ImportArticleCommand extends CommandMessage<ImportArticleInput> {}
