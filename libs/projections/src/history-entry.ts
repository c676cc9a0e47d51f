import { actorOf, type ActorRef, type LogEvent, stringMeta } from './log-event';

/** One event of an article's audit history (SPEC §6 history, §8 "History"). */
export interface HistoryEntry {
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  articleId: string;
  /** The claim or correction the event belongs to; null for the article's own events. */
  annotationId: string | null;
  actor: ActorRef;
  reason: string | null;
  correlationId: string | null;
  causationId: string | null;
  idempotencyKey: string | null;
  data: Record<string, unknown>;
}

export function historyEntry(
  log: LogEvent,
  articleId: string,
  annotationId: string | null,
): HistoryEntry {
  return {
    position: log.position,
    recordedAt: log.recordedAt,
    occurredAt: stringMeta(log, 'occurredAt'),
    eventId: log.eventId,
    streamId: log.streamId,
    revision: log.revision,
    type: log.type,
    schemaVersion: log.schemaVersion,
    articleId,
    annotationId,
    actor: actorOf(log),
    reason: stringMeta(log, 'reason'),
    correlationId: stringMeta(log, 'correlationId'),
    causationId: stringMeta(log, 'causationId'),
    idempotencyKey: stringMeta(log, 'idempotencyKey'),
    data: log.data,
  };
}
