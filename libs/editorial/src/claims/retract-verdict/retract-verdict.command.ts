import type { RetractVerdict } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type RetractVerdictInput = Omit<RetractVerdict, 'type' | 'actor'>;

export class RetractVerdictCommand extends CommandMessage<RetractVerdictInput> {}
