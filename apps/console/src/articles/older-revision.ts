import { countCodePoints } from './text-offsets';
import type { AnnotatedView, RevisionText } from './view-types';

/**
 * An older revision as a view: the view of the API is the current revision's, so an older
 * revision is shown as its text alone, unmarked (the audit view replays the marks as they
 * stood).
 */
export function olderView(
  currentView: AnnotatedView | undefined,
  older: RevisionText | undefined,
): AnnotatedView | undefined {
  if (!currentView || !older) return undefined;
  return {
    ...currentView,
    revision: older.revision,
    text: older.text,
    annotations: [],
    segments: [{ start: 0, end: countCodePoints(older.text), annotationIds: [] }],
    notices: [],
  };
}
