export type MetadataValue = string | number | boolean | null | MetadataValue[] | Metadata;
/** JSON-safe metadata, as front matter gives it. */
export interface Metadata {
  [key: string]: MetadataValue;
}

/**
 * What YAML gives, made JSON-safe: numbers JSON cannot hold become strings ("Infinity", "NaN"),
 * big integers their digits. The core schema gives nothing else but plain mappings and
 * sequences; anything else would become null. Keys such as `__proto__` stay ordinary keys.
 */
export function toJsonSafe(value: unknown): MetadataValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return String(value);
    case 'object':
      if (Array.isArray(value)) return value.map(toJsonSafe);
      if (isPlainObject(value)) {
        return Object.fromEntries(
          Object.entries(value).map(([key, member]) => [key, toJsonSafe(member)]),
        );
      }
      return null;
    default:
      return null;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
