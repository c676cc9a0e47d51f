import { CommandMessage } from '../../shared/command-context';

export class ApproveCorrectionCommand extends CommandMessage<{ correctionId: string }> {}
