import { claimDecisionHandler } from '../claim-decision-handler';
import { DraftVerdictCommand } from './draft-verdict.command';

/** A fact-checker drafts a verdict, or replaces the draft. */
export const DraftVerdictHandler = claimDecisionHandler(DraftVerdictCommand, 'DraftVerdict');
