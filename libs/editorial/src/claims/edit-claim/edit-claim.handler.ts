import { claimUseCase } from '../claim-use-case';
import { EditClaimCommand } from './edit-claim.command';

/** An editor or fact-checker changes the statement, claimant or topics. */
export const EditClaimHandler = claimUseCase(EditClaimCommand, 'EditClaim');
