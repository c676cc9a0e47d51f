import { correctionDecisionHandler } from '../correction-decision-handler';
import { RejectCorrectionCommand } from './reject-correction.command';

/** A standards editor rejects a proposed correction, with a reason. */
export const RejectCorrectionHandler = correctionDecisionHandler(
  RejectCorrectionCommand,
  'RejectCorrection',
);
