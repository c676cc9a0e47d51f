import type { ReviseArticle } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export class ReviseArticleCommand extends EditorialCommand<Omit<ReviseArticle, 'type' | 'actor'>> {}
