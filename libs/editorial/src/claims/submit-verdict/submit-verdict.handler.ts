import { claimUseCase } from '../claim-use-case';
import { SubmitVerdictCommand } from './submit-verdict.command';

/** A fact-checker submits the draft, with its sources, for review. */
export const SubmitVerdictHandler = claimUseCase(SubmitVerdictCommand, 'SubmitVerdict');
