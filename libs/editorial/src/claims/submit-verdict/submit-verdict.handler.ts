import { claimDecisionHandler } from '../claim-decision-handler';
import { SubmitVerdictCommand } from './submit-verdict.command';

/** A fact-checker submits the draft, with its sources, for review. */
export const SubmitVerdictHandler = claimDecisionHandler(SubmitVerdictCommand, 'SubmitVerdict');
