import type { JsonValue } from './json';

export class CanonicalJsonError extends Error {
  private readonly segments: string[] = [];

  constructor(private readonly problem: string) {
    super(`$ ${problem}`);
    this.name = 'CanonicalJsonError';
  }

  /** Where the offending value is, as `$.a.b[2]`. */
  get path(): string {
    return `$${this.segments.join('')}`;
  }

  /** Called while unwinding, so that no path is built for values that are fine. */
  within(segment: string): this {
    this.segments.unshift(segment);
    this.message = `${this.path} ${this.problem}`;
    return this;
  }
}

/**
 * Serialises a JSON value with object keys sorted by UTF-16 code units and no white space,
 * as RFC 8785 (JCS) does for the values events hold. Parsing the output and serialising it
 * again gives the same string, so the hash chain can be recomputed from stored text.
 *
 * Anything that JSON would silently change is refused instead: undefined inside arrays,
 * non-finite numbers, functions, symbols, bigints, class instances (Date included).
 * Object properties whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('is not a finite number');
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return writeArray(value);
      return writeObject(value);
    default:
      throw new CanonicalJsonError(`is a ${typeof value}, which JSON cannot hold`);
  }
}

function writeArray(items: unknown[]): string {
  let out = '[';
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    try {
      if (item === undefined) throw new CanonicalJsonError('is undefined');
      out += (index === 0 ? '' : ',') + write(item);
    } catch (error) {
      throw error instanceof CanonicalJsonError ? error.within(`[${index}]`) : error;
    }
  }
  return `${out}]`;
}

function writeObject(value: object): string {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError('is not a plain object');
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    try {
      out += `${first ? '' : ','}${JSON.stringify(key)}:${write(member)}`;
    } catch (error) {
      throw error instanceof CanonicalJsonError ? error.within(`.${key}`) : error;
    }
    first = false;
  }
  return `${out}}`;
}

export function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
