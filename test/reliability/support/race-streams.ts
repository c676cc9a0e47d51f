import { type EventStore, type StoredEvent } from '@marginalia/event-store';
import { CLAIM_ARROWS, claimStatus, claimStep, claimView, claimViewOf } from './race-claim-model';
import {
  CORRECTION_ARROWS,
  correctionStatus,
  correctionStep,
  correctionView,
  correctionViewOf,
} from './race-correction-model';
import {
  CLAIM_EVENTS,
  CORRECTION_EVENTS,
  checkAnswers,
  type Answered,
  type ClaimAction,
  type CorrectionAction,
} from './race-answers';
import { foldTo, same, show, walk } from './race-state-machines';

/** What the checks read: the log, and the server's view of a resource. */
export interface RaceReader {
  store: EventStore;
  get(path: string): Promise<Record<string, unknown>>;
}

/** Every answer and every claim stream, against the log and SPEC §5. */
export async function checkClaims(
  race: RaceReader,
  claims: readonly string[],
  answered: readonly Answered<ClaimAction>[],
): Promise<string[]> {
  const { store, get } = race;
  const violations: string[] = [];
  const streams = new Map<string, StoredEvent[]>();
  for (const claimId of claims) {
    const streamId = `claim-${claimId}`;
    const events = await store.readStream(streamId);
    streams.set(streamId, events);
    const path = walk(events, claimStep, claimStatus, CLAIM_ARROWS);
    if (path.violation) violations.push(`${streamId}: ${path.violation}`);
    const shown = await get(`/v1/claims/${claimId}`);
    const final = foldTo(events, events.length - 1, claimStep);
    if (final && !path.violation) {
      const expected = claimView(final, events.length - 1);
      const actual = claimViewOf(shown);
      if (!same(expected, actual)) {
        violations.push(`${streamId}: shows ${show(actual)}, the log folds to ${show(expected)}`);
      }
    }
  }
  violations.push(
    ...checkAnswers(
      answered,
      streams,
      CLAIM_EVENTS,
      (events, revision) => {
        const model = foldTo(events, revision, claimStep);
        return model && claimView(model, revision);
      },
      claimViewOf,
    ),
  );
  return violations;
}

export async function checkCorrections(
  race: RaceReader,
  articles: readonly string[],
  corrections: readonly string[],
  answered: readonly Answered<CorrectionAction>[],
): Promise<string[]> {
  const { store, get } = race;
  const violations: string[] = [];
  const streams = new Map<string, StoredEvent[]>();
  for (const correctionId of corrections) {
    const streamId = `correction-${correctionId}`;
    const events = await store.readStream(streamId);
    streams.set(streamId, events);
    const path = walk(events, correctionStep, correctionStatus, CORRECTION_ARROWS);
    if (path.violation) {
      violations.push(`${streamId}: ${path.violation}`);
      continue;
    }
    const final = foldTo(events, events.length - 1, correctionStep)!;
    // Liveness of the system's part: an approved correction whose passage is not lost is
    // published by the process managers, so none is left approved once they caught up.
    if (final.status === 'approved' && final.anchorState !== 'orphaned') {
      violations.push(`${streamId}: left approved, never published`);
    }
    const expected = correctionView(final, events.length - 1);
    const actual = correctionViewOf(await get(`/v1/corrections/${correctionId}`));
    if (!same(expected, actual)) {
      violations.push(`${streamId}: shows ${show(actual)}, the log folds to ${show(expected)}`);
    }
  }
  // SPEC §4/§5: an article revision made by a correction is that correction's publication:
  // it was approved before, published after with that revision, and never withdrawn.
  for (const articleId of articles) {
    for (const event of await store.readStream(`article-${articleId}`)) {
      if (event.type !== 'ArticleRevised') continue;
      const cause = event.data.cause as { kind: string; correctionId?: string };
      if (cause.kind !== 'correction') continue;
      const events = streams.get(`correction-${cause.correctionId}`) ?? [];
      const approved = events.find((e) => e.type === 'CorrectionApproved');
      const published = events.find((e) => e.type === 'CorrectionPublished');
      if (!approved || approved.position > event.position) {
        violations.push(
          `article-${articleId}@${event.revision}: revised before its correction was approved`,
        );
      }
      if (!published || published.data.revision !== event.data.revision) {
        const last = events[events.length - 1]?.type;
        const violation = `article-${articleId}@${event.revision}: revision ${show(event.data.revision)} by correction ${String(cause.correctionId)}, which ended ${String(last)} without publishing it`;
        violations.push(violation);
      }
    }
  }
  violations.push(
    ...checkAnswers(
      answered,
      streams,
      CORRECTION_EVENTS,
      (events, revision) => {
        const model = foldTo(events, revision, correctionStep);
        return model && correctionView(model, revision);
      },
      correctionViewOf,
    ),
  );
  return violations;
}
