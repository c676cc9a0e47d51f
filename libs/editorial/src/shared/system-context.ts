import { SYSTEM_ACTOR } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import { derivedEventId } from '@marginalia/platform';
import { type CommandContext } from './command-context';

/** The context of work the system does because of a stored event (SPEC §4: causation set). */
export function causedBy(trigger: StoredEvent): CommandContext {
  const correlationId = trigger.metadata.correlationId;
  return {
    actor: SYSTEM_ACTOR,
    correlationId: typeof correlationId === 'string' ? correlationId : trigger.eventId,
    causationId: trigger.eventId,
  };
}

/**
 * The same context, naming the events it appends after its cause and purpose: a process
 * manager that runs again over the same event names the same ids, which `AggregateStore` finds
 * in the stream (or the store answers as a retry of the append) instead of writing twice.
 */
export function withDerivedEventIds(context: CommandContext, purpose: string): CommandContext {
  return {
    ...context,
    eventIdFor: (index) => derivedEventId(context.causationId, `${purpose}#${index}`),
  };
}
