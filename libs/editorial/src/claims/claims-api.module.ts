import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../shared/read-your-writes';
import { ApproveVerdictController } from './approve-verdict/approve-verdict.controller';
import { AssignClaimController } from './assign-claim/assign-claim.controller';
import { CaptureClaimController } from './capture-claim/capture-claim.controller';
import { ClaimAnswers } from './claim-answers';
import { DraftVerdictController } from './draft-verdict/draft-verdict.controller';
import { EditClaimController } from './edit-claim/edit-claim.controller';
import { ReadClaimsController } from './read-claims/read-claims.controller';
import { RejectVerdictController } from './reject-verdict/reject-verdict.controller';
import { RetractVerdictController } from './retract-verdict/retract-verdict.controller';
import { SubmitVerdictController } from './submit-verdict/submit-verdict.controller';
import { WithdrawClaimController } from './withdraw-claim/withdraw-claim.controller';

/**
 * The claims and verdicts of SPEC §6, routes under /v1/articles/{id}/claims and /v1/claims: each
 * use case's controller sits in its folder beside its command and handler.
 */
@Module({
  controllers: [
    CaptureClaimController,
    ReadClaimsController,
    EditClaimController,
    AssignClaimController,
    WithdrawClaimController,
    DraftVerdictController,
    SubmitVerdictController,
    ApproveVerdictController,
    RejectVerdictController,
    RetractVerdictController,
  ],
  providers: [ReadYourWrites, ClaimAnswers],
})
export class ClaimsApiModule {}
