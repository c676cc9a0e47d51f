import { HttpException, HttpStatus } from '@nestjs/common';

/** An RFC 9457 problem, with the stable `code` of SPEC §6 and §8. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** One reason a request was refused, naming the field (`source.url`, `Idempotency-Key`…). */
export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const DEFAULTS: Record<number, { code: string; title: string }> = {
  400: { code: 'validation_failed', title: 'The request is not valid' },
  401: { code: 'unauthenticated', title: 'Authentication is required' },
  403: { code: 'forbidden', title: 'Your roles do not allow this' },
  404: { code: 'not_found', title: 'Not found' },
  405: { code: 'method_not_allowed', title: 'Method not allowed' },
  409: { code: 'conflict', title: 'Conflict with the current state' },
  412: { code: 'version_mismatch', title: 'The resource has changed' },
  413: { code: 'payload_too_large', title: 'The request body is too large' },
  415: { code: 'unsupported_media_type', title: 'Unsupported media type' },
  422: { code: 'unprocessable', title: 'The request cannot be processed' },
  428: { code: 'precondition_required', title: 'If-Match is required' },
  429: { code: 'rate_limited', title: 'Too many requests' },
  500: { code: 'internal_error', title: 'Internal error' },
  503: { code: 'service_unavailable', title: 'Service unavailable' },
};

/** Codes whose title says more than their status's. */
const TITLES: Record<string, string> = {
  malformed_json: 'The body is not valid JSON',
  body_too_deep: 'The body nests too deeply',
  body_too_complex: 'The body holds too many values',
  capture_too_complex: 'The capture is too complex to read',
  article_exists: 'The article is already imported',
  version_conflict: 'The resource kept changing',
  idempotency_key_reused: 'The Idempotency-Key was used for another request',
  idempotency_key_in_flight: 'A request with this Idempotency-Key is still running',
};

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code']);

export function problemTypeFor(code: string): string {
  return `urn:marginalia:problem:${code}`;
}

export function problem(
  status: number,
  code?: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const fallback = DEFAULTS[status] ?? DEFAULTS[status >= 500 ? 500 : 400]!;
  const resolved = code ?? fallback.code;
  const title = TITLES[resolved] ?? fallback.title;
  const extra = Object.fromEntries(
    Object.entries(extensions).filter(([key]) => !RESERVED.has(key)),
  );
  return {
    type: problemTypeFor(resolved),
    title,
    status,
    detail: detail ?? title,
    code: resolved,
    ...extra,
  };
}

/** Thrown by guards, pipes, interceptors and controllers to answer a problem with a code. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    code: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(problem(status, code, detail, extensions), status);
  }
}

/** A refusal of the request's shape: 400 `validation_failed` naming each field. */
export function validationFailed(detail: string, errors: FieldError[]): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'validation_failed', detail, { errors });
}
