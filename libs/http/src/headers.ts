export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer given again for a repeated Idempotency-Key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
