import type { DraftVerdict } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type DraftVerdictInput = Omit<DraftVerdict, 'type' | 'actor'>;

export class DraftVerdictCommand extends CommandMessage<DraftVerdictInput> {}
