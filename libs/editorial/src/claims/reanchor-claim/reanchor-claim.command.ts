import type { Selector } from '@marginalia/anchoring';
import { CommandMessage } from '../../shared/command-context';

export interface ReanchorClaimInput {
  claimId: string;
  selector: Selector;
  /** Defaults to the article's current revision; an older one follows to the current. */
  revision?: number;
}

export class ReanchorClaimCommand extends CommandMessage<ReanchorClaimInput> {}
