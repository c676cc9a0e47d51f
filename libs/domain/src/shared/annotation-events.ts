import type { Anchor, ReanchorMethod } from './anchor';

/** An annotation (claim or correction) followed its passage into another revision. */
export interface AnnotationReanchored {
  annotationId: string;
  fromRevision: number;
  anchor: Anchor;
  method: ReanchorMethod;
  /** How sure the match is, from 0 to 1 (1 for unchanged, shifted and manual). */
  score: number;
}

/** An annotation whose passage could not be found honestly in a revision. */
export interface AnnotationOrphaned {
  annotationId: string;
  fromRevision: number;
  revision: number;
  reason: string;
  score: number;
  /** The last place it was anchored, kept so an editor can see what was lost. */
  anchor: Anchor;
}

export type AnnotationEvent =
  | { type: 'AnnotationReanchored'; data: AnnotationReanchored }
  | { type: 'AnnotationOrphaned'; data: AnnotationOrphaned };

/**
 * Where an annotation stands after a re-anchoring event. An orphan keeps its last anchor (with
 * the revision its offsets belong to) marked orphaned, and remembers the newest revision it was
 * looked for in, so that it is retried only on later ones.
 */
export function anchorAfter(event: AnnotationEvent): { anchor: Anchor; followsRevision: number } {
  return event.type === 'AnnotationReanchored'
    ? { anchor: event.data.anchor, followsRevision: event.data.anchor.revision }
    : { anchor: { ...event.data.anchor, state: 'orphaned' }, followsRevision: event.data.revision };
}
