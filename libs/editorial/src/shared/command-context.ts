import type { Actor } from '@marginalia/domain';

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
  /** Process managers name their events after their trigger, so a second run is a retry. */
  eventIdFor?: (index: number) => string;
}

/** Every command message carries the use case's input and its context. */
export abstract class EditorialCommand<Input> {
  constructor(
    readonly input: Input,
    readonly context: CommandContext,
  ) {}
}
