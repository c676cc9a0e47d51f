import type { RetractVerdict } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type RetractVerdictInput = Omit<RetractVerdict, 'type' | 'actor'>;

export class RetractVerdictCommand extends EditorialCommand<RetractVerdictInput> {}
