import { claimDecisionHandler } from '../claim-decision-handler';
import { EditClaimCommand } from './edit-claim.command';

/** An editor or fact-checker changes the statement, claimant or topics. */
export const EditClaimHandler = claimDecisionHandler(EditClaimCommand, 'EditClaim');
