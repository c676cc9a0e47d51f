import { correctionUseCase } from '../correction-use-case';
import { WithdrawCorrectionCommand } from './withdraw-correction.command';

/** An editor withdraws a correction that is not yet published, with a reason. */
export const WithdrawCorrectionHandler = correctionUseCase(
  WithdrawCorrectionCommand,
  'WithdrawCorrection',
);
