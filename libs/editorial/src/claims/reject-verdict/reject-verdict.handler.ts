import { claimUseCase } from '../claim-use-case';
import { RejectVerdictCommand } from './reject-verdict.command';

/** A standards editor returns the submitted verdict to its draft, with a reason. */
export const RejectVerdictHandler = claimUseCase(RejectVerdictCommand, 'RejectVerdict', {
  reason: (input) => input.reason,
});
