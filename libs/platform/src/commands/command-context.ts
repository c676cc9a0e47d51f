import type { Actor } from '@marginalia/domain';
import type { IdGenerator } from '../time-and-ids/ids';

/** Who asks, and the threads that tie the resulting events to their cause (SPEC §4). */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The request or event that caused this command. */
  causationId: string;
  reason?: string;
  idempotencyKey?: string;
  /** From `If-Match`: the stream revision the caller saw; a different one is `version_mismatch`. */
  expectedVersion?: number;
  /**
   * Names the events the command appends, so that running it again is recognised as a retry of
   * a stored append: process managers name them after their trigger, requests with an
   * Idempotency-Key after the key and the body.
   */
  eventIdFor?: (index: number, streamId: string) => string;
  /** Names the aggregate the command creates, for the same reason; new ids otherwise. */
  aggregateIdFor?: (purpose: string) => string;
}

/** The id of the aggregate a command creates: named by its context, or else a new one. */
export function newAggregateId(context: CommandContext, ids: IdGenerator, purpose: string): string {
  return context.aggregateIdFor?.(purpose) ?? ids.newId();
}
