import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../http/read-your-writes';
import { ArticleClaimsController } from './article-claims.controller';
import { ClaimAnswers } from './claim-answers';
import { ClaimsController } from './claims.controller';
import { VerdictsController } from './verdicts.controller';

/** The claims and verdicts of SPEC §6: routes under /v1/articles/{id}/claims and /v1/claims. */
@Module({
  controllers: [ArticleClaimsController, ClaimsController, VerdictsController],
  providers: [ReadYourWrites, ClaimAnswers],
})
export class ClaimsApiModule {}
