import { type StoredEvent } from '@marginalia/event-store';
import { type Exchange } from './retrying-client';

/** One write a test sent, with what it should have done. */
export interface Write {
  exchange: Exchange;
  /** The token's `sub`: an Idempotency-Key is scoped to it. */
  sub: string;
  /** The status that means success. */
  expected: number;
  /** The stream the write changes; for a write that creates one, its prefix (`claim-`). */
  stream: string;
  /** For a PATCH of a claim's statement: the new statement. */
  statement?: string;
}

/** A PATCH that a lost attempt applied is answered 412 when sent again: its If-Match is stale. */
export function succeeded(write: Write): boolean {
  const { exchange } = write;
  if (exchange.status === write.expected) return true;
  return (
    exchange.call.method === 'PATCH' &&
    exchange.status === 412 &&
    exchange.attempts.some((attempt) => attempt.lost !== undefined)
  );
}

const keyOf = (sub: unknown, key: unknown) => `${String(sub)} ${String(key)}`;

/**
 * Every way the log can disagree with the answers the clients got: a write answered with
 * success whose events are not in the log, a keyed write appended twice (by two attempts, or
 * into two streams), an event of a key nobody sent, an edit stored twice, and answers that a
 * retried write should not get. Empty when the log keeps every answered write exactly once.
 */
export function ledgerViolations(writes: readonly Write[], log: readonly StoredEvent[]): string[] {
  const violations: string[] = [];
  const byKey = new Map<string, StoredEvent[]>();
  for (const event of log) {
    const { idempotencyKey, actor } = event.metadata as { idempotencyKey?: string; actor?: object };
    if (idempotencyKey === undefined) continue;
    const key = keyOf((actor as { sub?: string } | undefined)?.sub, idempotencyKey);
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  const sent = new Set<string>();

  for (const write of writes) {
    const { call, attempts, status, body } = write.exchange;
    const name = `${call.method} ${call.path}${call.idempotencyKey ? ` [${call.idempotencyKey}]` : ''}`;
    const tried = attempts.map((attempt) => attempt.requestId);
    const ok = succeeded(write);
    if (!ok) {
      violations.push(`${name} answered ${status} after ${tried.length} attempts: ${short(body)}`);
    }

    if (call.idempotencyKey !== undefined) {
      const key = keyOf(write.sub, call.idempotencyKey);
      sent.add(key);
      const events = byKey.get(key) ?? [];
      const appends = [...new Set(events.map((event) => correlationOf(event)))];
      if (appends.length > 1) {
        violations.push(`${name} was appended ${appends.length} times, by ${appends.join(', ')}`);
      }
      const strangers = appends.filter((id) => !tried.includes(id));
      if (strangers.length > 0) {
        violations.push(`${name} has events of requests it never sent: ${strangers.join(', ')}`);
      }
      if (ok && events.length === 0) violations.push(`${name} answered ${status}, not in the log`);
      const streams = [...new Set(events.map((event) => event.streamId))];
      const id = (body as { id?: string } | undefined)?.id;
      const stream = write.stream.endsWith('-') ? `${write.stream}${id}` : write.stream;
      if (ok && events.length > 0 && (streams.length !== 1 || streams[0] !== stream)) {
        violations.push(`${name} answered ${stream}, its events are in ${streams.join(', ')}`);
      }
      if (appends.length === 1 && !consecutive(events)) {
        violations.push(`${name} is not one append: revisions ${revisions(events)}`);
      }
    }

    if (write.statement !== undefined) {
      const edits = log.filter(
        (event) =>
          event.streamId === write.stream &&
          event.type === 'ClaimEdited' &&
          event.data.statement === write.statement,
      );
      if (edits.length > 1) violations.push(`${name} was stored ${edits.length} times`);
      if (ok && edits.length === 0) violations.push(`${name} answered ${status}, not in the log`);
    }
  }

  for (const [key, events] of byKey) {
    if (!sent.has(key)) violations.push(`${events.length} events of key ${key} nobody sent`);
  }
  return violations;
}

function correlationOf(event: StoredEvent): string {
  const { correlationId } = event.metadata;
  return typeof correlationId === 'string' ? correlationId : JSON.stringify(correlationId);
}

function consecutive(events: readonly StoredEvent[]): boolean {
  return events.every(
    (event, index) =>
      index === 0 ||
      (event.streamId === events[0]!.streamId &&
        event.revision === events[index - 1]!.revision + 1),
  );
}

function revisions(events: readonly StoredEvent[]): string {
  return events.map((event) => `${event.streamId}@${event.revision}`).join(', ');
}

function short(body: unknown): string {
  const text = JSON.stringify(body) ?? '';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
