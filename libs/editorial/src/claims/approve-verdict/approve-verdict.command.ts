import type { ApproveVerdict } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type ApproveVerdictInput = Omit<ApproveVerdict, 'type' | 'actor'>;

export class ApproveVerdictCommand extends EditorialCommand<ApproveVerdictInput> {}
