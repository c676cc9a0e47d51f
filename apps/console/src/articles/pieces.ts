/** The view's segments as the pieces of text MarkedText renders, with where each rating shows. */
import { utf16OffsetsOfCodePoints } from './text-offsets';
import type { AnnotatedView, ViewAnnotation } from './view-types';

export interface Piece {
  start: number;
  end: number;
  text: string;
  annotations: ViewAnnotation[];
  /** The ratings of the claims whose marks end with this piece. */
  endsRatings?: string[];
}

/** The segments as text pieces, with each rated claim's rating on its last piece. */
export function piecesOf(view: AnnotatedView): Piece[] {
  const offsets = utf16OffsetsOfCodePoints(view.text);
  const byId = new Map(view.annotations.map((a) => [a.id, a]));
  const lastPieceOf = new Map<string, number>();
  const pieces = view.segments.map((segment, index): Piece => {
    const annotations = segment.annotationIds
      .map((id) => byId.get(id))
      .filter((a): a is ViewAnnotation => a !== undefined);
    for (const a of annotations) lastPieceOf.set(a.id, index);
    return {
      start: segment.start,
      end: segment.end,
      text: view.text.slice(offsets[segment.start], offsets[segment.end]),
      annotations,
    };
  });
  for (const [id, index] of lastPieceOf) {
    const annotation = byId.get(id)!;
    if (annotation.type === 'claim' && annotation.rating) {
      const piece = pieces[index]!;
      (piece.endsRatings ??= []).push(annotation.rating);
    }
  }
  return pieces;
}
