import { claimDecisionHandler } from '../claim-decision-handler';
import { RejectVerdictCommand } from './reject-verdict.command';

/** A standards editor returns the submitted verdict to its draft, with a reason. */
export const RejectVerdictHandler = claimDecisionHandler(RejectVerdictCommand, 'RejectVerdict', {
  reason: (input) => input.reason,
});
