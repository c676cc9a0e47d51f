import type { Selector } from '@marginalia/anchoring';
import { EditorialCommand } from '../../shared/command-context';

export interface ReanchorClaimInput {
  claimId: string;
  selector: Selector;
  /** Defaults to the article's current revision; an older one follows to the current. */
  revision?: number;
}

export class ReanchorClaimCommand extends EditorialCommand<ReanchorClaimInput> {}
