/** The reader's pending selection, kept in step with the document's. */
import { useEffect } from 'preact/hooks';
import { type QuoteSelector, selectorOfSelection } from './selection';

/**
 * Follows the document's selection while `active`: a selection over the text becomes the
 * pending selector; a click in the text (a collapsed selection there) drops it; a selection
 * elsewhere (a button, a field) leaves it as it was, so it survives the click that uses it.
 */
export function useSelectionOf(
  ref: { current: HTMLElement | null },
  text: string | undefined,
  active: boolean,
  setSelection: (selection: QuoteSelector | undefined) => void,
): void {
  useEffect(() => {
    if (!active || text === undefined) return;
    const update = () => {
      const root = ref.current?.querySelector('.article-text');
      if (!root) return;
      const selector = selectorOfSelection(root, text);
      if (selector) return setSelection(selector);
      const selection = document.getSelection();
      if (selection?.isCollapsed && selection.anchorNode && root.contains(selection.anchorNode)) {
        setSelection(undefined);
      }
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [active, text]);
}
