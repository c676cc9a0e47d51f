import type { ApproveVerdict } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type ApproveVerdictInput = Omit<ApproveVerdict, 'type' | 'actor'>;

export class ApproveVerdictCommand extends CommandMessage<ApproveVerdictInput> {}
