import { claimUseCase } from '../claim-use-case';
import { DraftVerdictCommand } from './draft-verdict.command';

/** A fact-checker drafts a verdict, or replaces the draft. */
export const DraftVerdictHandler = claimUseCase(DraftVerdictCommand, 'DraftVerdict');
