import {
  type ArgumentMetadata,
  HttpStatus,
  Injectable,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { hasLoneSurrogate } from '@marginalia/text';
import { type FieldError, ProblemException, validationFailed } from '@marginalia/http';

/**
 * class-validator on every body, query and parameter DTO: unknown fields are refused at every
 * depth, then any string with a lone surrogate is `invalid_unicode` (SPEC §8's refusal order).
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) =>
        validationFailed('The request is not valid', flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body at all is an empty one; a body of JSON `null` is not an object.
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      !isPlainObject(value === undefined ? {} : value)
    ) {
      throw validationFailed('The body must be a JSON object', [
        { field: '(body)', message: 'must be a JSON object' },
      ]);
    }
    // Nest deletes these keys from the body in place, and class-transformer skips a key that
    // names a method (toString, valueOf…): the whitelist never sees either kind, so both are
    // looked for here, and refused as the unknown fields they are (SPEC §6) instead of dropped.
    const reserved = metadata.type === 'body' ? reservedKeyAt(value, '') : undefined;
    if (reserved !== undefined) throw unknownField(reserved);
    const transformed: unknown = await super.transform(value, metadata);
    const dropped = metadata.type === 'body' ? droppedKeyAt(value, transformed, '') : undefined;
    if (dropped !== undefined) throw unknownField(dropped);
    const field = loneSurrogateAt(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (field !== undefined) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'invalid_unicode',
        `${field} contains a lone surrogate`,
        { errors: [{ field, message: 'contains a lone surrogate' }] },
      );
    }
    return transformed;
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = join(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not a known field' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The path of the first string (or key) holding a lone surrogate, if any. */
export function loneSurrogateAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path || '(body)' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = join(path, key);
    if (hasLoneSurrogate(key)) return childPath;
    const found = loneSurrogateAt(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The keys Nest's ValidationPipe strips from a body before class-transformer reads it. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first key `__proto__`, `constructor` or `prototype` at any depth, if any. */
export function reservedKeyAt(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = join(path, key);
    if (RESERVED_KEYS.has(key)) return childPath;
    const found = reservedKeyAt(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The path of the first key of the body that did not reach the validated DTO, if any. */
export function droppedKeyAt(body: unknown, dto: unknown, path: string): string | undefined {
  if (typeof body !== 'object' || body === null || typeof dto !== 'object' || dto === null) {
    return undefined;
  }
  for (const [key, child] of Object.entries(body)) {
    const childPath = join(path, key);
    if (!Object.hasOwn(dto, key)) return childPath;
    const found = droppedKeyAt(child, (dto as Record<string, unknown>)[key], childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function unknownField(field: string): ProblemException {
  return validationFailed('The request is not valid', [{ field, message: 'is not a known field' }]);
}

function join(parent: string, key: string): string {
  if (/^\d+$/.test(key) && parent !== '') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
