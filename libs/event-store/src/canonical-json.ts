import type { JsonValue } from './json';

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}`);
    this.name = 'CanonicalJsonError';
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
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, 'is not a finite number');
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return writeArray(value, path);
      return writeObject(value, path);
    default:
      throw new CanonicalJsonError(path, `is a ${typeof value}, which JSON cannot hold`);
  }
}

function writeArray(items: unknown[], path: string): string {
  const parts = items.map((item, index) => {
    if (item === undefined) throw new CanonicalJsonError(`${path}[${index}]`, 'is undefined');
    return write(item, `${path}[${index}]`);
  });
  return `[${parts.join(',')}]`;
}

function writeObject(value: object, path: string): string {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError(path, 'is not a plain object');
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

export function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
