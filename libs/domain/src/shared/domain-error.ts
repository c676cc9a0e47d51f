/**
 * The stable codes of SPEC §3, §5, §6 and §8 that a decision can refuse with. The API maps
 * each to its HTTP status; the domain only says what went wrong.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'validation_failed'
  | 'invalid_transition'
  | 'self_approval_forbidden'
  | 'correction_orphaned'
  | 'verdict_needs_source'
  | 'article_exists'
  | 'revision_not_found'
  | 'revision_unchanged';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { field?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function refuse(
  code: DomainErrorCode,
  message: string,
  details?: DomainError['details'],
): never {
  throw new DomainError(code, message, details);
}
