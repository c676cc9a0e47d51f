import { claimUseCase } from '../claim-use-case';
import { RetractVerdictCommand } from './retract-verdict.command';

/** A standards editor withdraws the published verdict, with a reason. */
export const RetractVerdictHandler = claimUseCase(RetractVerdictCommand, 'RetractVerdict', {
  reason: (input) => input.reason,
});
