import { refuse } from '../shared/domain-error';
import type { VerdictSource } from './claim.events';
import { findRating, type RatingScale } from './rating-scale';

export const SUMMARY_MAX_CODE_POINTS = 280;

/** A verdict's own rules: a rating of the scale, a public summary of at most 280 characters. */
export function checkVerdict(
  scale: RatingScale,
  verdict: { rating: string; summary: string; sources: VerdictSource[] },
): void {
  if (!findRating(scale, verdict.rating)) {
    refuse('validation_failed', `Unknown rating ${JSON.stringify(verdict.rating)}`, {
      field: 'rating',
      allowed: scale.ratings.map((rating) => rating.id),
    });
  }
  const summary = [...verdict.summary.trim()].length;
  if (summary === 0 || summary > SUMMARY_MAX_CODE_POINTS) {
    refuse(
      'validation_failed',
      `The summary must have 1 to ${SUMMARY_MAX_CODE_POINTS} characters`,
      {
        field: 'summary',
      },
    );
  }
  verdict.sources.forEach((source, index) => {
    if (!/^https?:\/\/[^\s]+$/i.test(source.url)) {
      refuse('validation_failed', 'A source needs an http(s) URL', {
        field: `sources[${index}].url`,
      });
    }
    if (source.title.trim() === '') {
      refuse('validation_failed', 'A source needs a title', { field: `sources[${index}].title` });
    }
  });
}
