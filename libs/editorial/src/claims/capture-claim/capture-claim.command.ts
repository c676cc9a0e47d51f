import type { Selector } from '@marginalia/anchoring';
import { CommandMessage } from '../../shared/command-context';

export interface CaptureClaimInput {
  articleId: string;
  /** Defaults to the article's current revision. */
  revision?: number;
  selector: Selector;
  statement: string | null;
  claimant: string | null;
  topics: string[];
}

export class CaptureClaimCommand extends CommandMessage<CaptureClaimInput> {}
