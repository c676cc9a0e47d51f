import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../shared/read-your-writes';
import { AmendCorrectionController } from './amend-correction/amend-correction.controller';
import { ApproveCorrectionController } from './approve-correction/approve-correction.controller';
import { CorrectionAnswers } from './correction-answers';
import { ProposeCorrectionController } from './propose-correction/propose-correction.controller';
import { ReadCorrectionsController } from './read-corrections/read-corrections.controller';
import { RejectCorrectionController } from './reject-correction/reject-correction.controller';
import { WithdrawCorrectionController } from './withdraw-correction/withdraw-correction.controller';

/**
 * The corrections of SPEC §6, routes under /v1/articles/{id}/corrections and /v1/corrections:
 * each use case's controller sits in its folder beside its command and handler.
 */
@Module({
  controllers: [
    ProposeCorrectionController,
    ReadCorrectionsController,
    AmendCorrectionController,
    ApproveCorrectionController,
    RejectCorrectionController,
    WithdrawCorrectionController,
  ],
  providers: [ReadYourWrites, CorrectionAnswers],
})
export class CorrectionsApiModule {}
