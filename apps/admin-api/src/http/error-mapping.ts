import { HttpException } from '@nestjs/common';
import { AnchoringError, InvalidSelectorError } from '@marginalia/anchoring';
import { DomainError, type DomainErrorCode } from '@marginalia/domain';
import { VersionConflictError, VersionMismatchError } from '@marginalia/editorial';
import { EventStoreUnavailableError, LogInconsistentError } from '@marginalia/event-store';
import { TextError } from '@marginalia/text';
import { problem, type ProblemDetails } from '@marginalia/http';

/** The HTTP status of each refusal of the domain (SPEC §6, §8). */
export const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  self_approval_forbidden: 409,
  correction_orphaned: 409,
  article_exists: 409,
  verdict_needs_source: 422,
  revision_not_found: 422,
  revision_unchanged: 422,
};

/**
 * The one place where an error becomes an answer. Refusals keep their stable code and message;
 * anything unexpected is a 500 that says nothing about the internals.
 */
export function errorToProblem(error: unknown): ProblemDetails {
  if (error instanceof HttpException) return httpProblem(error);
  if (error instanceof DomainError) {
    const { field, ...facts } = error.details;
    return problem(DOMAIN_STATUS[error.code], error.code, error.message, {
      ...facts,
      ...fieldErrors(field, error.message),
    });
  }
  if (error instanceof InvalidSelectorError) {
    return problem(
      400,
      'validation_failed',
      error.message,
      fieldErrors(error.field, error.message),
    );
  }
  if (error instanceof AnchoringError || error instanceof TextError) {
    const field = 'field' in error && typeof error.field === 'string' ? error.field : undefined;
    return problem(422, error.code, error.message, fieldErrors(field, error.message));
  }
  if (error instanceof VersionMismatchError) {
    return problem(412, error.code, error.message, {
      expectedVersion: error.expected,
      currentVersion: error.actual ?? null,
    });
  }
  if (error instanceof VersionConflictError) return problem(409, error.code, error.message);
  if (error instanceof EventStoreUnavailableError) {
    return problem(503, error.code, 'The event log is unavailable; try again shortly');
  }
  if (error instanceof LogInconsistentError) return problem(500, 'log_inconsistent', error.message);
  return problem(500);
}

function httpProblem(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const payload = exception.getResponse();
  if (isProblem(payload)) return payload;
  const message =
    typeof payload === 'string'
      ? payload
      : typeof payload === 'object' && payload !== null && 'message' in payload
        ? String(payload.message)
        : exception.message;
  return problem(status, undefined, message);
}

function fieldErrors(field: string | undefined, message: string) {
  return field === undefined ? {} : { errors: [{ field, message }] };
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}
