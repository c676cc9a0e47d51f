import { claimUseCase } from '../claim-use-case';
import { WithdrawClaimCommand } from './withdraw-claim.command';

/** An editor withdraws a claim that has no published verdict. */
export const WithdrawClaimHandler = claimUseCase(WithdrawClaimCommand, 'WithdrawClaim', {
  reason: (input) => input.reason,
});
