import type { DraftVerdict } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type DraftVerdictInput = Omit<DraftVerdict, 'type' | 'actor'>;

export class DraftVerdictCommand extends EditorialCommand<DraftVerdictInput> {}
