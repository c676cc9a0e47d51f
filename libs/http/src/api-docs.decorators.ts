import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from './headers';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemResponse } from './problem.response.dto';

const CODES: Record<number, string> = {
  400: '`malformed_json`, `body_too_deep`, `body_too_complex`, `validation_failed`',
  401: '`unauthenticated`: a missing, malformed, expired or badly signed token',
  403: '`forbidden`: the token’s roles do not allow this',
  404: '`not_found`',
  409: 'a conflict with the current state',
  412: '`version_mismatch`: If-Match names an older version',
  413: '`payload_too_large`',
  415: '`unsupported_media_type`: the body must be application/json',
  422: 'the request is well-formed but refused',
  428: '`precondition_required`: If-Match is required',
  429: '`rate_limited`: wait for Retry-After seconds',
};

/** Documents the problems a route may answer, e.g. `@ApiProblems(400, 404)`. */
export function ApiProblems(...statuses: Array<[number, string] | number>) {
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...statuses.map((entry) => {
      const [status, description] = typeof entry === 'number' ? [entry, CODES[entry]] : entry;
      return ApiResponse({
        status,
        description: description ?? `HTTP ${status}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
      });
    }),
  );
}

/** The problems every authenticated route may answer. */
export const ApiAuthenticated = () => ApiProblems(401, 429);

/** A POST that takes an Idempotency-Key. */
export const ApiIdempotent = () =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'The same key and body within 24 h answer the first response again and append nothing',
      example: '7c0d7f0e-import-000',
    }),
    ApiProblems(
      [409, '`idempotency_key_in_flight`: the first request with this key still runs'],
      [422, '`idempotency_key_reused`: the key was used with another body'],
    ),
  );

/** A mutation that takes `If-Match: "<version>"` (required on PATCH). */
export const ApiIfMatch = (required = false) =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required,
      description: 'The ETag (version) you read; a stale one is 412 version_mismatch',
      example: '"0"',
    }),
    ApiProblems(412, ...(required ? [428] : [])),
  );

/** The ETag response header of a resource's version, as If-Match takes it back. */
export function etagHeader(resource: string) {
  return {
    ETag: { description: `The ${resource}’s version, for If-Match`, schema: { type: 'string' } },
  };
}
