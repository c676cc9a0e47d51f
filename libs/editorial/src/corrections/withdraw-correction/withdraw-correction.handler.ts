import { correctionDecisionHandler } from '../correction-decision-handler';
import { WithdrawCorrectionCommand } from './withdraw-correction.command';

/** An editor withdraws a correction that is not yet published, with a reason. */
export const WithdrawCorrectionHandler = correctionDecisionHandler(
  WithdrawCorrectionCommand,
  'WithdrawCorrection',
);
