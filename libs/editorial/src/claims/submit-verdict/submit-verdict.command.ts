import type { SubmitVerdict } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type SubmitVerdictInput = Omit<SubmitVerdict, 'type' | 'actor'>;

export class SubmitVerdictCommand extends EditorialCommand<SubmitVerdictInput> {}
