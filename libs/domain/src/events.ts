import type { ArticleEvent } from './article/article.events';
import type { ClaimEvent } from './claim/claim.events';
import type { CorrectionEvent } from './correction/correction.events';

export type DomainEvent = ArticleEvent | ClaimEvent | CorrectionEvent;
export type DomainEventType = DomainEvent['type'];

/**
 * The current schema version of every event type. Stored events are never rewritten: a change
 * of shape adds a version here and an upcaster below that lifts older data when it is read.
 */
export const EVENT_SCHEMA_VERSIONS: Record<DomainEventType, number> = {
  ArticleImported: 1,
  ArticleRevised: 1,
  ArticleWithdrawn: 1,
  ClaimCaptured: 1,
  ClaimEdited: 1,
  ClaimAssigned: 1,
  ClaimWithdrawn: 1,
  VerdictDrafted: 1,
  VerdictSubmitted: 1,
  VerdictApproved: 1,
  VerdictRejected: 1,
  VerdictPublished: 1,
  VerdictRetracted: 1,
  CorrectionProposed: 1,
  CorrectionAmended: 1,
  CorrectionApproved: 1,
  CorrectionRejected: 1,
  CorrectionPublished: 1,
  CorrectionWithdrawn: 1,
  AnnotationReanchored: 1,
  AnnotationOrphaned: 1,
};

/** Lifts one event type's data from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  type: DomainEventType;
  fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/** None yet: every event type is at its first version. */
export const UPCASTERS: readonly Upcaster[] = [];

export class UnknownEventError extends Error {
  constructor(type: string, schemaVersion: number) {
    super(`No event type ${type} at schema version ${schemaVersion} is known`);
    this.name = 'UnknownEventError';
  }
}

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

/** A stored event's type and data as the current code expects them, older versions lifted. */
export function toDomainEvent(
  type: string,
  schemaVersion: number,
  data: Record<string, unknown>,
  upcasters: readonly Upcaster[] = UPCASTERS,
): DomainEvent {
  if (!isDomainEventType(type)) throw new UnknownEventError(type, schemaVersion);
  const current = EVENT_SCHEMA_VERSIONS[type];
  if (schemaVersion > current || schemaVersion < 1)
    throw new UnknownEventError(type, schemaVersion);
  let lifted = data;
  for (let version = schemaVersion; version < current; version += 1) {
    const upcaster = upcasters.find((u) => u.type === type && u.fromVersion === version);
    if (!upcaster) throw new UnknownEventError(type, version);
    lifted = upcaster.upcast(lifted);
  }
  // The stored data is trusted as written by this code (it passed the deciders and the chain).
  return { type, data: lifted } as unknown as DomainEvent;
}
