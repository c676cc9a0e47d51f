/** Proposing a correction on a selection (kind, replacement, notice). (corrections work) */
import type { Selector } from '../articles/view-types';

export interface ProposeCorrectionFormProps {
  articleId: string;
  revision: number;
  /** The selection, or undefined for an editor's note on the whole article. */
  selector: Selector | undefined;
  onProposed: (correctionId: string) => void;
  onCancel: () => void;
}

export function ProposeCorrectionForm(_props: ProposeCorrectionFormProps) {
  return <p>Not built yet.</p>;
}
