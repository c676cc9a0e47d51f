import type { RejectVerdict } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type RejectVerdictInput = Omit<RejectVerdict, 'type' | 'actor'>;

export class RejectVerdictCommand extends EditorialCommand<RejectVerdictInput> {}
