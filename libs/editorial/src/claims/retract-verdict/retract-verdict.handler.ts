import { claimDecisionHandler } from '../claim-decision-handler';
import { RetractVerdictCommand } from './retract-verdict.command';

/** A standards editor withdraws the published verdict, with a reason. */
export const RetractVerdictHandler = claimDecisionHandler(RetractVerdictCommand, 'RetractVerdict', {
  reason: (input) => input.reason,
});
