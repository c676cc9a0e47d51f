import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../../../../libs/editorial/src/shared/read-your-writes';
import { CorrectionAnswers } from './correction-answers';
import { CorrectionsController } from './corrections.controller';

/** The corrections of SPEC §6: routes under /v1/articles/{id}/corrections and /v1/corrections. */
@Module({
  controllers: [CorrectionsController],
  providers: [ReadYourWrites, CorrectionAnswers],
})
export class CorrectionsApiModule {}
