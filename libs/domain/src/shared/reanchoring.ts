import type { Actor } from './actor';
import type { Anchor, ReanchorMethod } from './anchor';
import type { AnnotationEvent } from './annotation-events';

/** Where the anchoring library found an annotation in a later revision, or why it did not. */
export type ReanchorOutcome =
  | { method: Exclude<ReanchorMethod, 'manual'>; score: number; anchor: Anchor }
  | { method: 'orphaned'; score: number; reason: string; revision: number };

/** The system moves an annotation to a new revision of its article (SPEC §3, §8). */
export interface ReanchorAnnotation {
  type: 'ReanchorAnnotation';
  annotationId: string;
  outcome: ReanchorOutcome;
  actor: Actor;
}

export function targetRevision(outcome: ReanchorOutcome): number {
  return outcome.method === 'orphaned' ? outcome.revision : outcome.anchor.revision;
}

/** The event that records an outcome for an annotation last anchored at `anchor`. */
export function reanchorEvent(
  annotationId: string,
  anchor: Anchor,
  outcome: ReanchorOutcome,
): AnnotationEvent {
  if (outcome.method === 'orphaned') {
    return {
      type: 'AnnotationOrphaned',
      data: {
        annotationId,
        fromRevision: anchor.revision,
        revision: outcome.revision,
        reason: outcome.reason,
        score: outcome.score,
        anchor: { ...anchor, state: 'orphaned' },
      },
    };
  }
  return {
    type: 'AnnotationReanchored',
    data: {
      annotationId,
      fromRevision: anchor.revision,
      anchor: { ...outcome.anchor, state: 'anchored' },
      method: outcome.method,
      score: outcome.score,
    },
  };
}

/** An editor's re-anchoring by hand, recorded with method `manual` (SPEC §8). */
export function manualReanchorEvent(
  annotationId: string,
  from: Anchor,
  to: Anchor,
): AnnotationEvent {
  return {
    type: 'AnnotationReanchored',
    data: {
      annotationId,
      fromRevision: from.revision,
      anchor: { ...to, state: 'anchored' },
      method: 'manual',
      score: 1,
    },
  };
}
