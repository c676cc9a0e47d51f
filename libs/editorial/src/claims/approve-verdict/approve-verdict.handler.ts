import { claimUseCase } from '../claim-use-case';
import { ApproveVerdictCommand } from './approve-verdict.command';

/** A standards editor who did not draft it approves and publishes the verdict. */
export const ApproveVerdictHandler = claimUseCase(ApproveVerdictCommand, 'ApproveVerdict');
