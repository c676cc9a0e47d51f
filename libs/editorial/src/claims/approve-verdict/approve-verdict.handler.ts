import { claimDecisionHandler } from '../claim-decision-handler';
import { ApproveVerdictCommand } from './approve-verdict.command';

/** A standards editor who did not draft it approves and publishes the verdict. */
export const ApproveVerdictHandler = claimDecisionHandler(ApproveVerdictCommand, 'ApproveVerdict');
