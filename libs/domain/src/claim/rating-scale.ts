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
