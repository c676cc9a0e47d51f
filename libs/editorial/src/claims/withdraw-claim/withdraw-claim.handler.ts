import { claimDecisionHandler } from '../claim-decision-handler';
import { WithdrawClaimCommand } from './withdraw-claim.command';

/** An editor withdraws a claim that has no published verdict. */
export const WithdrawClaimHandler = claimDecisionHandler(WithdrawClaimCommand, 'WithdrawClaim', {
  reason: (input) => input.reason,
});
