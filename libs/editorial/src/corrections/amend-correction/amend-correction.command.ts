import type { Selector } from '@marginalia/anchoring';
import { CommandMessage } from '../../shared/command-context';

/** Fields left out stay as they are. */
export interface AmendCorrectionInput {
  correctionId: string;
  selector?: Selector;
  revision?: number;
  replacement?: string | null;
  notice?: string;
}

export class AmendCorrectionCommand extends CommandMessage<AmendCorrectionInput> {}
