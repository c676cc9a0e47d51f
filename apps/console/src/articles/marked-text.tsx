/**
 * An article's text with its annotations marked, from the view's `segments` (code points):
 * one element per segment, so overlaps need no arithmetic here. Each element carries its
 * code-point range (`data-start`, `data-end`), which is how a DOM selection is turned back into
 * the API's offsets. A claim's published rating is shown at the end of its mark by CSS
 * generated content (`data-rating`), so it is seen and read aloud but never part of the text a
 * reader selects.
 */
import { useMemo } from 'preact/hooks';
import { piecesOf } from './pieces';
import type { AnnotatedView } from './view-types';

export { piecesOf };

export interface MarkedTextProps {
  view: AnnotatedView;
  /** The rating's label for people, in the console's language. */
  ratingLabel: (rating: string) => string;
  /** Annotations to emphasise (the one open in the panel). */
  selectedIds?: string[];
  onMarkClick?: (annotationIds: string[]) => void;
  lang?: string;
}

export function MarkedText(props: MarkedTextProps) {
  const { view } = props;
  const pieces = useMemo(() => piecesOf(view), [view]);
  const selected = new Set(props.selectedIds ?? []);
  return (
    <div
      class="article-text"
      lang={props.lang}
      data-revision={view.revision}
      // One listener for every mark: a view may have a thousand of them.
      onClick={(event) => {
        const mark = (event.target as Element).closest?.('mark[data-ids]');
        if (mark) props.onMarkClick?.(mark.getAttribute('data-ids')!.split(' '));
      }}
    >
      {pieces.map((piece) => {
        if (piece.annotations.length === 0) {
          return (
            <span key={piece.start} data-start={piece.start} data-end={piece.end}>
              {piece.text}
            </span>
          );
        }
        const kinds = new Set(piece.annotations.map((a) => a.type));
        const kind = kinds.size > 1 || piece.annotations.length > 1 ? 'overlap' : [...kinds][0]!;
        const isSelected = piece.annotations.some((a) => selected.has(a.id));
        const ratings = piece.endsRatings;
        return (
          <mark
            key={piece.start}
            class={`${kind}${isSelected ? ' selected' : ''}`}
            data-start={piece.start}
            data-end={piece.end}
            data-ids={piece.annotations.map((a) => a.id).join(' ')}
            data-rating={ratings ? ratings.map(props.ratingLabel).join(' · ') : undefined}
          >
            {piece.text}
          </mark>
        );
      })}
    </div>
  );
}
