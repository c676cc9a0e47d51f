import type { RejectCorrection } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export class RejectCorrectionCommand extends CommandMessage<
  Omit<RejectCorrection, 'type' | 'actor'>
> {}
