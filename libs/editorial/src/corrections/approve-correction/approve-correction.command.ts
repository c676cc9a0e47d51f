import { EditorialCommand } from '../../shared/command-context';

export class ApproveCorrectionCommand extends EditorialCommand<{ correctionId: string }> {}
