import { correctionUseCase } from '../correction-use-case';
import { RejectCorrectionCommand } from './reject-correction.command';

/** A standards editor rejects a proposed correction, with a reason. */
export const RejectCorrectionHandler = correctionUseCase(
  RejectCorrectionCommand,
  'RejectCorrection',
);
