import { claimUseCase } from '../claim-use-case';
import { AssignClaimCommand } from './assign-claim.command';

/** An editor assigns a claim; a fact-checker takes an unassigned one. */
export const AssignClaimHandler = claimUseCase(AssignClaimCommand, 'AssignClaim');
