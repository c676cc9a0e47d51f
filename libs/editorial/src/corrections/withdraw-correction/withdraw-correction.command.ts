import type { WithdrawCorrection } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export class WithdrawCorrectionCommand extends CommandMessage<
  Omit<WithdrawCorrection, 'type' | 'actor'>
> {}
