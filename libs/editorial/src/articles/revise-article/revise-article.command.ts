import type { ReviseArticle } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export class ReviseArticleCommand extends CommandMessage<Omit<ReviseArticle, 'type' | 'actor'>> {}
