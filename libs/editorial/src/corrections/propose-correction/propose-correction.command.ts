import type { Selector } from '@marginalia/anchoring';
import type { CorrectionKind } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export interface ProposeCorrectionInput {
  articleId: string;
  revision?: number;
  /** May be left out only by an editor's note about the whole article. */
  selector?: Selector;
  kind: CorrectionKind;
  replacement: string | null;
  notice: string;
  claimId: string | null;
}

export class ProposeCorrectionCommand extends CommandMessage<ProposeCorrectionInput> {}
