import {
  type ArgumentMetadata,
  HttpStatus,
  Injectable,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { hasLoneSurrogate } from '@marginalia/text';
import { type FieldError, ProblemException, validationFailed } from './problem';

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
    if (metadata.type === 'body' && metadata.metatype && !isPlainObject(value ?? {})) {
      throw validationFailed('The body must be a JSON object', [
        { field: '(body)', message: 'must be a JSON object' },
      ]);
    }
    const transformed: unknown = await super.transform(value, metadata);
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

function join(parent: string, key: string): string {
  if (/^\d+$/.test(key) && parent !== '') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
