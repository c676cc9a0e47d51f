import type { WithdrawCorrection } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export class WithdrawCorrectionCommand extends EditorialCommand<
  Omit<WithdrawCorrection, 'type' | 'actor'>
> {}
