import type { RejectVerdict } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type RejectVerdictInput = Omit<RejectVerdict, 'type' | 'actor'>;

export class RejectVerdictCommand extends CommandMessage<RejectVerdictInput> {}
