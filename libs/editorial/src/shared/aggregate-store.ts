import { Inject, Injectable } from '@nestjs/common';
import {
  type Decider,
  EVENT_SCHEMA_VERSIONS,
  type DomainEvent,
  toDomainEvent,
} from '@marginalia/domain';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type StoredEvent,
  WrongExpectedRevisionError,
} from '@marginalia/event-store';
import { CLOCK, type Clock, ID_GENERATOR, type IdGenerator } from '@marginalia/platform';
import { type CommandContext } from './command-context';
import { VersionConflictError, VersionMismatchError } from './version-errors';

export interface Loaded<State> {
  state: State;
  /** The stream's revision, or undefined when it does not exist. */
  version: number | undefined;
}

export interface CommandResult<State> extends Loaded<State> {
  streamId: string;
  /**
   * The events this command appended; empty when the decision changed nothing. For a retry of
   * a command whose events are already stored: those events, and the state and version as they
   * left the stream.
   */
  events: StoredEvent[];
  /** Global position of the last event appended, for read-your-writes. */
  position: number | undefined;
}

type Folding<State, Event extends DomainEvent> = Pick<
  Decider<unknown, Event, State>,
  'evolve' | 'initialState'
>;

/**
 * Loads a stream, folds it, asks the decider, and appends with the stream's revision as the
 * expected revision. A lost race is decided again once on fresh state; with If-Match it is the
 * caller's `version_mismatch`, and a second loss is `version_conflict`. Never a lost update.
 *
 * A command whose context names its events (`eventIdFor`) and finds the first of them already
 * in the stream ran before: a keyed request retried after a crash, on another replica, or a
 * process manager running again. It is answered with that run's outcome, not decided again,
 * where it would be refused (the claim exists, the If-Match is stale) or append twice.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * The stream's state now. With `known`, a state this decider folded earlier from the same
   * stream up to `known.version`: only the events after it are read and folded on top.
   */
  async load<State, Event extends DomainEvent>(
    decider: Folding<State, Event>,
    streamId: string,
    known?: { state: State; version: number },
  ): Promise<Loaded<State>> {
    if (!known) return this.fold(decider, await this.store.readStream(streamId));
    const after = await this.store.readStream(streamId, { fromRevision: known.version + 1 });
    return this.fold(decider, after, known);
  }

  /**
   * The outcome of an earlier run of this command, when its events are in the stream; for a
   * handler that must not check the world again before `execute` (an article revised since).
   */
  async outcomeOfRetry<State, Event extends DomainEvent>(
    decider: Folding<State, Event>,
    streamId: string,
    context: CommandContext,
  ): Promise<CommandResult<State> | undefined> {
    if (!context.eventIdFor) return undefined;
    return this.outcomeOfRetryIn(decider, streamId, await this.store.readStream(streamId), context);
  }

  async execute<State, Event extends DomainEvent>(
    decider: Folding<State, Event>,
    streamId: string,
    decide: (state: State) => Event[],
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.store.readStream(streamId);
      const earlier = this.outcomeOfRetryIn(decider, streamId, stored, context);
      if (earlier) return earlier;
      const { state, version } = this.fold(decider, stored);
      const expected = context.expectedVersion;
      if (expected !== undefined && expected !== version) {
        throw new VersionMismatchError(streamId, expected, version);
      }
      const decided = decide(state);
      if (decided.length === 0) {
        return { streamId, state, version, events: [], position: undefined };
      }
      try {
        const appended = await this.store.append(
          streamId,
          this.envelopes(streamId, decided, context),
          { expectedRevision: version ?? 'no_stream' },
        );
        if (appended.alreadyStored) {
          const retried = await this.outcomeOfRetry(decider, streamId, context);
          if (retried) return retried;
        }
        return {
          streamId,
          state: decided.reduce(decider.evolve, state),
          version: appended.nextExpectedRevision,
          events: appended.events,
          position: appended.position,
        };
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError;
        if (!lostRace && !(error instanceof DuplicateEventIdError)) throw error;
        // The same command may have appended meanwhile, from another replica.
        const retried = await this.outcomeOfRetry(decider, streamId, context);
        if (retried) return retried;
        if (!lostRace) throw error;
        if (expected !== undefined) {
          const actual = error.actual === 'no_stream' ? undefined : error.actual;
          throw new VersionMismatchError(streamId, expected, actual);
        }
        if (attempt >= 2) throw new VersionConflictError(streamId);
      }
    }
  }

  private fold<State, Event extends DomainEvent>(
    decider: Folding<State, Event>,
    stored: readonly StoredEvent[],
    from?: { state: State; version: number },
  ): Loaded<State> {
    const state = stored.reduce(
      (current, event) =>
        decider.evolve(
          current,
          toDomainEvent(event.type, event.schemaVersion, event.data) as Event,
        ),
      from ? from.state : decider.initialState(),
    );
    return { state, version: stored[stored.length - 1]?.revision ?? from?.version };
  }

  private outcomeOfRetryIn<State, Event extends DomainEvent>(
    decider: Folding<State, Event>,
    streamId: string,
    stored: readonly StoredEvent[],
    context: CommandContext,
  ): CommandResult<State> | undefined {
    const idOf = context.eventIdFor;
    if (!idOf) return undefined;
    const firstId = idOf(0, streamId);
    const first = stored.findIndex((event) => event.eventId === firstId);
    if (first < 0) return undefined;
    let end = first + 1;
    while (end < stored.length && stored[end]!.eventId === idOf(end - first, streamId)) end += 1;
    const events = stored.slice(first, end);
    const last = events[events.length - 1]!;
    const { state } = this.fold(decider, stored.slice(0, end));
    return { streamId, state, version: last.revision, events, position: last.position };
  }

  private envelopes(
    streamId: string,
    events: DomainEvent[],
    context: CommandContext,
  ): EventToAppend[] {
    const metadata = eventMetadata(context, this.clock.now());
    return events.map((event, index) => ({
      eventId: context.eventIdFor?.(index, streamId) ?? this.ids.newId(),
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data as unknown as JsonObject,
      metadata,
    }));
  }
}

/**
 * The metadata every event of a command carries (SPEC §4): when, who, the correlation and
 * causation ids, and the reason and Idempotency-Key when given.
 */
export function eventMetadata(
  context: Pick<
    CommandContext,
    'actor' | 'correlationId' | 'causationId' | 'reason' | 'idempotencyKey'
  >,
  occurredAt: Date,
): JsonObject {
  const { actor } = context;
  return {
    occurredAt: occurredAt.toISOString(),
    actor: {
      sub: actor.sub,
      roles: [...actor.roles],
      ...(actor.name ? { name: actor.name } : {}),
    },
    correlationId: context.correlationId,
    causationId: context.causationId,
    ...(context.reason !== undefined ? { reason: context.reason } : {}),
    ...(context.idempotencyKey !== undefined ? { idempotencyKey: context.idempotencyKey } : {}),
  };
}
