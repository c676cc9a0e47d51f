import type { RejectCorrection } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export class RejectCorrectionCommand extends EditorialCommand<
  Omit<RejectCorrection, 'type' | 'actor'>
> {}
