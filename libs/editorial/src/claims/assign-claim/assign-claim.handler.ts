import { claimDecisionHandler } from '../claim-decision-handler';
import { AssignClaimCommand } from './assign-claim.command';

/** An editor assigns a claim; a fact-checker takes an unassigned one. */
export const AssignClaimHandler = claimDecisionHandler(AssignClaimCommand, 'AssignClaim');
