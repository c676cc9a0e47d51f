/** One rating of a verdict scale; `value` is null for unscored ratings (no ClaimReview value). */
export interface Rating {
  id: string;
  label: string;
  value: number | null;
}

export interface RatingScale {
  ratings: readonly Rating[];
  best: number;
  worst: number;
}

/** The default, PolitiFact-like scale of SPEC §5 with the labels of SPEC §8. */
export const DEFAULT_RATING_SCALE: RatingScale = {
  ratings: [
    { id: 'true', label: 'True', value: 5 },
    { id: 'mostly_true', label: 'Mostly true', value: 4 },
    { id: 'half_true', label: 'Half true', value: 3 },
    { id: 'mostly_false', label: 'Mostly false', value: 2 },
    { id: 'false', label: 'False', value: 1 },
    { id: 'misleading', label: 'Misleading', value: null },
    { id: 'missing_context', label: 'Missing context', value: null },
    { id: 'unproven', label: 'Unproven', value: null },
  ],
  best: 5,
  worst: 1,
};

export function findRating(scale: RatingScale, id: string): Rating | undefined {
  return scale.ratings.find((rating) => rating.id === id);
}

/**
 * A newsroom's own scale, as JSON: `{ "ratings": [{ "id", "label", "value" }], "best", "worst" }`
 * (SPEC §5: the scale is configurable). Every problem is named; nothing half-valid is accepted.
 */
export function parseRatingScale(json: unknown): RatingScale {
  const problems: string[] = [];
  const scale = (json ?? {}) as Partial<Record<'ratings' | 'best' | 'worst', unknown>>;
  const best = scale.best;
  const worst = scale.worst;
  if (typeof best !== 'number' || typeof worst !== 'number' || !(worst < best)) {
    problems.push('best and worst must be numbers, worst below best');
  }
  const ratings = Array.isArray(scale.ratings) ? (scale.ratings as unknown[]) : [];
  if (ratings.length === 0) problems.push('ratings must be a non-empty list');
  const ids = new Set<string>();
  ratings.forEach((entry, index) => {
    const { id, label, value } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(id)) {
      problems.push(`ratings[${index}].id must be a lower-case identifier`);
    } else if (ids.has(id)) {
      problems.push(`ratings[${index}].id ${id} appears twice`);
    } else ids.add(id);
    if (typeof label !== 'string' || label.trim() === '') {
      problems.push(`ratings[${index}].label must be a non-empty text`);
    }
    const scored =
      typeof value === 'number' && typeof best === 'number' && typeof worst === 'number';
    if (value !== null && !(scored && value >= worst && value <= best)) {
      problems.push(`ratings[${index}].value must be null or a number from worst to best`);
    }
  });
  if (problems.length > 0) throw new Error(`Invalid rating scale: ${problems.join('; ')}`);
  return { ratings: ratings as Rating[], best: best as number, worst: worst as number };
}
