import { HttpStatus } from '@nestjs/common';
import { ProblemException, validationFailed } from './problem';

/** The strong ETag of an aggregate resource: its stream revision (SPEC §6). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header names, which becomes the command's expected version.
 * `*` names none (any current version). Without the header: undefined, or 428 when required
 * (every PATCH). Anything but one strong ETag of ours is 400.
 */
export function parseIfMatch(
  header: string | undefined,
  options: { required: boolean },
): number | undefined {
  const value = header?.trim();
  if (value === undefined || value === '') {
    if (!options.required) return undefined;
    throw new ProblemException(
      HttpStatus.PRECONDITION_REQUIRED,
      'precondition_required',
      'This change needs If-Match with the version you read, e.g. If-Match: "3"',
    );
  }
  if (value === '*') return undefined;
  const match = /^"(\d{1,15})"$/.exec(value);
  if (!match) {
    throw validationFailed('If-Match must be one strong ETag such as "3", or *', [
      { field: 'If-Match', message: 'must be one strong ETag such as "3", or *' },
    ]);
  }
  return Number(match[1]);
}
