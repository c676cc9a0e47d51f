import type { SubmitVerdict } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type SubmitVerdictInput = Omit<SubmitVerdict, 'type' | 'actor'>;

export class SubmitVerdictCommand extends CommandMessage<SubmitVerdictInput> {}
