import { type Actor } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import { users } from '../../support/admin-api';
import { same, show } from './race-state-machines';

/** Who races, what each request asks, and what its answer must agree with in the log. */
/** Users beyond test/support's one per role: a second editor, fact-checker and standards editor. */
export const editor2: Actor = { sub: 'editor-huang', name: '黄编辑', roles: ['editor'] };
export const checker2: Actor = { sub: 'checker-liu', name: '刘核查', roles: ['fact_checker'] };
export const standards2: Actor = {
  sub: 'standards-liu',
  name: '刘标准',
  roles: ['standards_editor'],
};
export const team = {
  editor: users.editor,
  editor2,
  checker: users.fact_checker,
  checker2,
  standards: users.standards_editor,
  standards2,
  auditor: users.auditor,
} satisfies Record<string, Actor>;
export type Member = keyof typeof team;

export type ClaimAction =
  'edit' | 'assign' | 'draft' | 'submit' | 'approve' | 'reject' | 'retract' | 'withdraw';
export type CorrectionAction = 'amend' | 'approve' | 'reject' | 'withdraw';

/** What a winning request must have appended, in order, by its own causation. */
export const CLAIM_EVENTS: Record<ClaimAction, string[]> = {
  edit: ['ClaimEdited'],
  assign: ['ClaimAssigned'],
  draft: ['VerdictDrafted'],
  submit: ['VerdictSubmitted'],
  approve: ['VerdictApproved', 'VerdictPublished'],
  reject: ['VerdictRejected'],
  retract: ['VerdictRetracted'],
  withdraw: ['ClaimWithdrawn'],
};
export const CORRECTION_EVENTS: Record<CorrectionAction, string[]> = {
  amend: ['CorrectionAmended'],
  approve: ['CorrectionApproved'],
  reject: ['CorrectionRejected'],
  withdraw: ['CorrectionWithdrawn'],
};

/** The codes a loser of a race may get (SPEC §6 and §8): its status decides the set. */
const LOSER_CODES: Record<number, readonly string[]> = {
  409: ['version_conflict', 'invalid_transition', 'correction_orphaned'],
  412: ['version_mismatch'],
};

export interface Planned<Action extends string> {
  action: Action;
  by: Member;
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** If-Match: a version, `*`, or none. */
  ifMatch: number | '*' | undefined;
  /** What the change asks for, checked on its events' data. */
  asks: Record<string, unknown>;
}

export interface Answered<Action extends string> extends Planned<Action> {
  requestId: string;
  streamId: string;
  status: number;
  body: Record<string, unknown>;
  etag: string | undefined;
  contentType: string;
}

/**
 * The answers against the streams: winners appended exactly their events once, with what they
 * asked for, at the revision their If-Match named; losers appended nothing and said why with
 * a SPEC code; every 2xx body is the stream folded to the revision its ETag names.
 */
export function checkAnswers<Action extends string>(
  answered: readonly Answered<Action>[],
  streams: ReadonlyMap<string, StoredEvent[]>,
  expectedEvents: Record<Action, string[]>,
  viewAt: (events: StoredEvent[], revision: number) => Record<string, unknown> | null,
  viewOf: (body: Record<string, unknown>) => Record<string, unknown>,
): string[] {
  const violations: string[] = [];
  for (const answer of answered) {
    const label = `${answer.method} ${answer.path} (${answer.action} by ${answer.by}, If-Match ${String(answer.ifMatch)}, ${answer.requestId})`;
    const events = streams.get(answer.streamId) ?? [];
    const mine = events.filter(
      (event) =>
        event.metadata.causationId === answer.requestId &&
        (event.metadata.actor as { sub?: string } | undefined)?.sub !== 'system',
    );
    if (answer.status >= 200 && answer.status < 300) {
      const types = mine.map((event) => event.type);
      const wanted = expectedEvents[answer.action];
      const noChange = mine.length === 0 && answer.action === 'assign';
      if (!noChange && types.join() !== wanted.join()) {
        violations.push(
          `${label}: answered ${answer.status} but stored [${types.join()}], not [${wanted.join()}]`,
        );
        continue;
      }
      if (mine.some((event, index) => index > 0 && event.revision !== mine[0]!.revision + index)) {
        violations.push(`${label}: its events are not consecutive revisions`);
      }
      if (mine[0]) {
        const data = mine[0].data;
        for (const [field, value] of Object.entries(answer.asks)) {
          if (!same(data[field], value)) {
            violations.push(`${label}: stored ${field} ${show(data[field])}, asked ${show(value)}`);
          }
        }
      }
      if (
        typeof answer.ifMatch === 'number' &&
        mine[0] &&
        mine[0].revision !== answer.ifMatch + 1
      ) {
        violations.push(
          `${label}: won at revision ${mine[0].revision}, not after the version it named`,
        );
      }
      const version = answer.body.version;
      if (typeof version !== 'number' || answer.etag !== `"${version}"`) {
        violations.push(`${label}: ETag ${String(answer.etag)} for version ${String(version)}`);
        continue;
      }
      const own = mine[mine.length - 1]?.revision ?? -1;
      if (version < own || version >= events.length) {
        violations.push(
          `${label}: answered version ${version}; its events end at ${own}, the stream at ${events.length - 1}`,
        );
        continue;
      }
      if (noChange) {
        // Assigning the current assignee changes nothing: it must then have been in effect.
        const held = events
          .slice(0, version + 1)
          .some((_, revision) => viewAt(events, revision)?.assignee === answer.asks.assignee);
        if (!held)
          violations.push(
            `${label}: answered 200, but no revision assigned ${show(answer.asks.assignee)}`,
          );
      }
      const expected = viewAt(events, version);
      const actual = viewOf(answer.body);
      if (!expected || !same(expected, actual)) {
        violations.push(
          `${label}: answered ${show(actual)}, revision ${version} folds to ${show(expected)}`,
        );
      }
    } else {
      const allowed = LOSER_CODES[answer.status];
      const code = answer.body.code;
      if (!allowed || typeof code !== 'string' || !allowed.includes(code)) {
        violations.push(`${label}: lost with ${answer.status} ${show(code)}`);
      }
      // SPEC §6: with If-Match a lost race is 412; without a version it is never 412.
      const named = typeof answer.ifMatch === 'number';
      if ((code === 'version_mismatch' && !named) || (code === 'version_conflict' && named)) {
        violations.push(`${label}: ${code} for If-Match ${String(answer.ifMatch)}`);
      }
      if (
        !answer.contentType.startsWith('application/problem+json') ||
        answer.body.status !== answer.status
      ) {
        violations.push(`${label}: a ${answer.status} that is not problem+json`);
      }
      if (mine.length > 0) {
        violations.push(
          `${label}: refused with ${answer.status} but stored [${mine.map((e) => e.type).join()}]`,
        );
      }
    }
  }
  // Every change in the streams was answered 2xx: nothing was stored for a loser.
  const winners = new Set(answered.filter((a) => a.status < 300).map((a) => a.requestId));
  const racing = new Set(answered.map((a) => a.requestId));
  for (const [streamId, events] of streams) {
    for (const event of events) {
      const cause = event.metadata.causationId;
      if (typeof cause === 'string' && racing.has(cause) && !winners.has(cause)) {
        violations.push(`${streamId}@${event.revision}: ${event.type} of a refused request`);
      }
    }
  }
  return violations;
}

export function tally(answered: readonly Answered<string>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const answer of answered) {
    const code = typeof answer.body.code === 'string' ? ` ${answer.body.code}` : '';
    add(`${answer.action} ${answer.status}${code}`);
    if (answer.status >= 300) add(`${answer.status}${code}`);
  }
  return counts;
}
