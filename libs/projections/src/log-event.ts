import { type DomainEvent, toDomainEvent } from '@marginalia/domain';

/** What the projections read of a stored event (the envelope of SPEC §4). */
export interface LogEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

export interface ActorRef {
  sub: string;
  name?: string;
  roles: string[];
}

export function actorOf(event: LogEvent): ActorRef {
  const actor = event.metadata.actor as Partial<ActorRef> | undefined;
  const sub = actor?.sub ?? 'unknown';
  const roles = actor?.roles ?? [];
  return actor?.name ? { sub, roles, name: actor.name } : { sub, roles };
}

export function stringMeta(event: LogEvent, key: string): string | null {
  const value = event.metadata[key];
  return typeof value === 'string' ? value : null;
}

/** The event as the domain knows it, older schema versions lifted. */
export function domainEventOf(event: LogEvent): DomainEvent {
  return toDomainEvent(event.type, event.schemaVersion, event.data);
}
