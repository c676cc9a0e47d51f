import { Inject, Injectable } from '@nestjs/common';
import { streams } from '@marginalia/domain';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@marginalia/event-store';
import {
  type AnnotatedView,
  claimInView,
  correctionInView,
  ReadModelFold,
  renderView,
} from '@marginalia/projections';
import { ReadModelQueries } from './read-model-queries';

/** Where an "as of" replay cuts the log: at a global position, or at an instant. */
export type Cut = { position: number } | { instant: Date };

/**
 * An article's annotated view as it stood at a point of the log, built by the same fold and
 * rendering as the live view, from the article's and its annotations' streams up to that point.
 */
@Injectable()
export class Replay {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: ReadModelQueries,
  ) {}

  async viewAsOf(articleId: string, cut: Cut): Promise<AnnotatedView | undefined> {
    const names = [streams.article(articleId), ...this.queries.annotationStreams(articleId)];
    const included = (event: StoredEvent) =>
      'position' in cut
        ? event.position <= cut.position
        : Date.parse(event.recordedAt) <= cut.instant.getTime();
    const events = (await Promise.all(names.map((name) => this.store.readStream(name))))
      .flat()
      .filter(included)
      .sort((a, b) => a.position - b.position);
    const fold = new ReadModelFold();
    events.forEach((event) => fold.apply(event));
    const article = fold.article(articleId);
    if (!article) return undefined;
    const { claims, corrections, revisions } = fold.drain();
    const texts = new Map(revisions.map((row) => [row.revision, row.text]));
    return renderView({
      article,
      textOf: (revision) => texts.get(revision) ?? '',
      claims: claims.sort((a, b) => a.createdPosition - b.createdPosition).map(claimInView),
      corrections: corrections
        .sort((a, b) => a.createdPosition - b.createdPosition)
        .map(correctionInView),
    });
  }
}
