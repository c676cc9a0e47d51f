import { Inject, Injectable } from '@nestjs/common';
import {
  type Decider,
  EVENT_SCHEMA_VERSIONS,
  type DomainEvent,
  toDomainEvent,
} from '@marginalia/domain';
import {
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
  /** The events this command appended; empty when the decision changed nothing. */
  events: StoredEvent[];
  /** Global position of the last event appended, for read-your-writes. */
  position: number | undefined;
}

/**
 * Loads a stream, folds it, asks the decider, and appends with the stream's revision as the
 * expected revision. A lost race is decided again once on fresh state; with If-Match it is the
 * caller's `version_mismatch`, and a second loss is `version_conflict`. Never a lost update.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    streamId: string,
  ): Promise<Loaded<State>> {
    const stored = await this.store.readStream(streamId);
    const state = stored.reduce(
      (current, event) =>
        decider.evolve(
          current,
          toDomainEvent(event.type, event.schemaVersion, event.data) as Event,
        ),
      decider.initialState(),
    );
    return { state, version: stored[stored.length - 1]?.revision };
  }

  async execute<State, Event extends DomainEvent>(
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    streamId: string,
    decide: (state: State) => Event[],
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt += 1) {
      const { state, version } = await this.load(decider, streamId);
      const expected = context.expectedVersion;
      if (expected !== undefined && expected !== version) {
        throw new VersionMismatchError(streamId, expected, version);
      }
      const decided = decide(state);
      if (decided.length === 0) {
        return { streamId, state, version, events: [], position: undefined };
      }
      try {
        const appended = await this.store.append(streamId, this.envelopes(decided, context), {
          expectedRevision: version ?? 'no_stream',
        });
        return {
          streamId,
          state: decided.reduce(decider.evolve, state),
          version: appended.nextExpectedRevision,
          events: appended.events,
          position: appended.position,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (expected !== undefined) {
          const actual = error.actual === 'no_stream' ? undefined : error.actual;
          throw new VersionMismatchError(streamId, expected, actual);
        }
        if (attempt >= 2) throw new VersionConflictError(streamId);
      }
    }
  }

  private envelopes(events: DomainEvent[], context: CommandContext): EventToAppend[] {
    const occurredAt = this.clock.now().toISOString();
    const { actor } = context;
    const metadata: JsonObject = {
      occurredAt,
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
    return events.map((event, index) => ({
      eventId: context.eventIdFor?.(index) ?? this.ids.newId(),
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data as unknown as JsonObject,
      metadata,
    }));
  }
}
